namespace Satchel.Runtime.Interpreters;

/// <summary>The facts of one interpreter, or why they could not be learned ("failed to run: ...").</summary>
public sealed record ProbeResult(InterpreterFacts? Facts, string? Failure, bool FromCache)
{
    public static ProbeResult Failed(string failure) => new(null, failure, false);
}
