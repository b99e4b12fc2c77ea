using System.Diagnostics;
using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// Chooses the interpreter an app runs with: the first candidate, in discovery order, that
/// satisfies the requirement with a final release; failing that, the first pre-release that does
/// (PEP 440: pre-releases only when nothing else matches or when the requirement names one).
/// Warm, the remembered choice (<see cref="ChoiceCache"/>) answers with one file read and one stat.
/// Cold, candidates are found and probed in order (facts come from <see cref="FactsCache"/> when
/// the binary is unchanged), and both stop at the first final-release match.
/// </summary>
public static class InterpreterSelector
{
    /// <summary>The chosen interpreter for this process's environment; exits 69 if none matches.</summary>
    public static InterpreterFacts Select(InterpreterRequirement requirement, CacheLayout layout, Log log) =>
        Select(requirement, layout, log, InterpreterEnvironment.FromProcess());

    public static InterpreterFacts Select(InterpreterRequirement requirement, CacheLayout layout, Log log, InterpreterEnvironment environment)
    {
        var clock = Stopwatch.StartNew();
        var choices = new ChoiceCache(layout, log);
        if (choices.TryRead(requirement, environment) is { } remembered)
        {
            log.Line($"interpreter {remembered.Path} ({remembered.Version}) remembered for '{requirement.Describe()}' ({DurationText.WholeMicroseconds(clock.Elapsed)})");
            return remembered;
        }

        var survey = Survey(requirement, layout, log, environment, stopAtFirstMatch: true);
        if (survey.Chosen?.Facts is not { } chosen)
        {
            throw new SatchelException(ExitCodes.Unavailable, NoMatchMessage.For(survey));
        }

        choices.Store(requirement, environment, chosen);
        log.Line($"interpreter {chosen.Path} ({chosen.Version}) chosen for '{requirement.Describe()}' after {survey.Verdicts.Count} candidates ({DurationText.Milliseconds(clock.Elapsed)})");
        return chosen;
    }

    /// <summary>
    /// Looks at the candidates in order. With <paramref name="stopAtFirstMatch"/>, stops at the
    /// first final release that matches (what selection needs); without, probes every candidate
    /// (what a listing needs). Never throws for a candidate that fails: that is its verdict.
    /// </summary>
    public static InterpreterSurvey Survey(InterpreterRequirement requirement, CacheLayout layout, Log log, InterpreterEnvironment environment, bool stopAtFirstMatch = false)
    {
        var facts = new FactsCache(layout, log);
        var verdicts = new List<CandidateVerdict>();
        var chosen = -1;
        var firstPrerelease = -1;
        foreach (var candidate in InterpreterDiscovery.Enumerate(environment, log))
        {
            var verdict = Judge(candidate, requirement, facts);
            verdicts.Add(verdict);
            if (verdict.Matches && chosen < 0)
            {
                chosen = verdicts.Count - 1;
                if (stopAtFirstMatch)
                {
                    break;
                }
            }
            else if (firstPrerelease < 0 && verdict.Facts is { } f && requirement.Rejection(f, allowPrereleases: true) is null)
            {
                firstPrerelease = verdicts.Count - 1;
            }
        }

        if (chosen < 0 && firstPrerelease >= 0)
        {
            chosen = firstPrerelease;
            verdicts[chosen] = verdicts[chosen] with { Rejection = null };
        }

        return new InterpreterSurvey(requirement, environment, verdicts, chosen);
    }

    private static CandidateVerdict Judge(InterpreterCandidate candidate, InterpreterRequirement requirement, FactsCache facts)
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
