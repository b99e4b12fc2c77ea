namespace Satchel.Testing.Payloads;

/// <summary>
/// A payload built to be refused: how to build it after a given launcher prefix, and a fragment
/// of the one error line that proves it was refused for the intended reason.
/// </summary>
public sealed record HostileIndexCase(string Name, Func<byte[], byte[]> Build, string Refusal)
{
    public override string ToString() => Name;
}
