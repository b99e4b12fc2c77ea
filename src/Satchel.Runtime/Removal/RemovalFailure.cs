namespace Satchel.Runtime.Removal;

/// <summary>One path the remover could not remove, with the last OS error it got for it.</summary>
public sealed record RemovalFailure(string Path, OsError Error)
{
    public override string ToString() => $"{Path} ({Error})";
}
