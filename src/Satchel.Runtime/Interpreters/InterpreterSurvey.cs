namespace Satchel.Runtime.Interpreters;

/// <summary>What a search found: every candidate looked at, in preference order, and the one chosen (if any).</summary>
public sealed record InterpreterSurvey(InterpreterRequirement Requirement, InterpreterEnvironment Environment, IReadOnlyList<CandidateVerdict> Verdicts, int ChosenIndex)
{
    public CandidateVerdict? Chosen => ChosenIndex >= 0 ? Verdicts[ChosenIndex] : null;
}
