namespace Satchel.Runtime.Interpreters;

/// <summary>One candidate, its facts if it could be asked, and why it was not chosen (null: it matches).</summary>
public sealed record CandidateVerdict(InterpreterCandidate Candidate, InterpreterFacts? Facts, string? Rejection)
{
    public bool Matches => Rejection is null && Facts is not null;
}
