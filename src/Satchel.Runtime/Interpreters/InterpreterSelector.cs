using System.Diagnostics;
using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// Chooses the interpreter an app runs with: among the candidates that satisfy the requirement
/// with a final release, one whose full version is the preferred one (the build interpreter's)
/// if any, else the first in discovery order; failing that, the first pre-release that satisfies
/// it (PEP 440: pre-releases only when nothing else matches or when the requirement names one).
/// Warm, the remembered choice (<see cref="ChoiceCache"/>) answers with one file read and one stat.
/// Cold, candidates are found and probed in order (facts come from <see cref="FactsCache"/> when
/// the binary is unchanged), and both stop at the first final-release match.
/// </summary>
public static class InterpreterSelector
{
    /// <summary>The chosen interpreter for this process's environment; exits 69 if none matches.</summary>
    /// <param name="preferred">The version to prefer among the matches (the build interpreter's, from the header), or null.</param>
    public static InterpreterFacts Select(InterpreterRequirementSet requirement, CacheLayout layout, Log log, PythonVersion? preferred = null) =>
        Select(requirement, layout, log, InterpreterEnvironment.FromProcess(), preferred);

    public static InterpreterFacts Select(InterpreterRequirementSet requirement, CacheLayout layout, Log log, InterpreterEnvironment environment, PythonVersion? preferred = null)
    {
        var clock = Stopwatch.StartNew();
        var choices = new ChoiceCache(layout, log);
        if (choices.TryRead(requirement, environment, preferred) is { } remembered)
        {
            log.Line($"interpreter {remembered.Path} ({remembered.Version}) remembered for '{requirement.Describe()}' ({DurationText.WholeMicroseconds(clock.Elapsed)})");
            return remembered;
        }

        var survey = Survey(requirement, layout, log, environment, stopAtFirstMatch: true, preferred);
        if (survey.Chosen?.Facts is not { } chosen)
        {
            throw new SatchelException(ExitCodes.Unavailable, NoMatchMessage.For(survey));
        }

        choices.Store(requirement, environment, chosen, preferred);
        log.Line($"interpreter {chosen.Path} ({chosen.Version}) chosen for '{requirement.Describe()}' after {survey.Verdicts.Count} candidates ({DurationText.Milliseconds(clock.Elapsed)})");
        return chosen;
    }

    /// <summary>
    /// Looks at the candidates in order. With <paramref name="stopAtFirstMatch"/>, stops at the
    /// first final release that matches, or with <paramref name="preferred"/> at the first match of
    /// that version (what selection needs); without, probes every candidate (what a listing needs).
    /// A match of the preferred version is chosen over an earlier match. Never throws for a
    /// candidate that fails: that is its verdict. A null <paramref name="layout"/> keeps no facts.
    /// </summary>
    public static InterpreterSurvey Survey(InterpreterRequirementSet requirement, CacheLayout? layout, Log log, InterpreterEnvironment environment, bool stopAtFirstMatch = false, PythonVersion? preferred = null)
    {
        var preferredMatch = -1;
        var facts = new FactsCache(layout, log);
        var verdicts = new List<CandidateVerdict>();
        var chosen = -1;
        var firstPrerelease = -1;
        foreach (var candidate in InterpreterDiscovery.Enumerate(environment, log))
        {
            var verdict = Judge(candidate, requirement, facts);
            verdicts.Add(verdict);
            if (verdict.Matches && (chosen < 0 || preferredMatch < 0))
            {
                chosen = chosen < 0 ? verdicts.Count - 1 : chosen;
                if (preferred is not null && preferredMatch < 0 && verdict.Facts!.Version == preferred)
                {
                    preferredMatch = verdicts.Count - 1;
                }

                if (stopAtFirstMatch && (preferred is null || preferredMatch >= 0))
                {
                    break;
                }
            }
            else if (firstPrerelease < 0 && verdict.Facts is { } f && requirement.Rejection(f, allowPrereleases: true) is null)
            {
                firstPrerelease = verdicts.Count - 1;
            }
        }

        if (preferredMatch >= 0)
        {
            chosen = preferredMatch;
        }

        if (chosen < 0 && firstPrerelease >= 0)
        {
            chosen = firstPrerelease;
            verdicts[chosen] = verdicts[chosen] with { Rejection = null };
        }

        return new InterpreterSurvey(requirement, environment, verdicts, chosen);
    }

    private static CandidateVerdict Judge(InterpreterCandidate candidate, InterpreterRequirementSet requirement, FactsCache facts)
    {
        if (candidate is not { Problem: null, RealPath: { } real })
        {
            return new CandidateVerdict(candidate, null, candidate.Problem ?? "not found");
        }

        if (BinaryStamp.OfExecutable(real) is not { } stamp)
        {
            return new CandidateVerdict(candidate, null, "not executable");
        }

        var probed = facts.Get(real, stamp);
        return probed.Facts is { } learned
            ? new CandidateVerdict(candidate, learned, requirement.Rejection(learned, allowPrereleases: false))
            : new CandidateVerdict(candidate, null, probed.Failure);
    }
}

/// <summary>What a search found: every candidate looked at, in preference order, and the one chosen (if any).</summary>
public sealed record InterpreterSurvey(InterpreterRequirementSet Requirement, InterpreterEnvironment Environment, IReadOnlyList<CandidateVerdict> Verdicts, int ChosenIndex)
{
    public CandidateVerdict? Chosen => ChosenIndex >= 0 ? Verdicts[ChosenIndex] : null;
}

/// <summary>One candidate, its facts if it could be asked, and why it was not chosen (null: it matches).</summary>
public sealed record CandidateVerdict(InterpreterCandidate Candidate, InterpreterFacts? Facts, string? Rejection)
{
    public bool Matches => Rejection is null && Facts is not null;
}
