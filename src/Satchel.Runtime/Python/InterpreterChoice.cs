using Satchel.Runtime.Cache;
using Satchel.Runtime.Configuration;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Format;
using Satchel.Runtime.Interpreters;

namespace Satchel.Runtime.Python;

/// <summary>
/// Chooses the interpreter a Python app runs with. An app that bundles one runs it from its
/// cache unit, as the header describes it (no probe: the facts were recorded at build time),
/// unless SATCHEL_PYTHON names another. Otherwise, from the requirement stored in its header:
/// discovery, facts cache and remembered choice of <see cref="InterpreterSelector"/>
/// (docs/interpreters.md), preferring the build interpreter's full version. No match ends the launch with exit 69 and the list of candidates.
/// </summary>
public static class InterpreterChoice
{
    /// <param name="layout">Where the app's units are (the bundled interpreter's among them).</param>
    /// <param name="interpreters">Where interpreter facts and choices are kept (the shared cache, also in temp mode).</param>
    /// <param name="preferred">The build interpreter's version (<see cref="BuildInterpreterVersion"/>): preferred among the matches.</param>
    /// <returns>
    /// The interpreter, and the header as it runs with it (<see cref="PayloadHeader.ForPythonSet"/>):
    /// for an app built for several interpreters, the set of the first one that accepts it.
    /// </returns>
    public static (PythonInterpreter Interpreter, PayloadHeader Header) Select(PayloadHeader header, CacheLayout layout, CacheLayout interpreters, Log log, PythonVersion? preferred = null)
    {
        var python = header.Launch.Python!;
        if (python.Bundled is { } bundled && Settings.Text(SatchelVariables.Python) is null)
        {
            var binary = Path.Combine(layout.UnitFiles(header.Units[bundled.Unit].KeyHex), bundled.Binary);
            log.Line($"interpreter {binary} ({bundled.Version}) bundled");
            return (new PythonInterpreter(binary, bundled.Version), header);
        }

        var (interpreter, set) = Select(python, interpreters, log, preferred);
        return (interpreter, header.ForPythonSet(set));
    }

    /// <summary>
    /// The interpreter for <paramref name="python"/>'s requirement, or for an app built for several,
    /// the first in discovery order that one of its sets accepts, with that set's number. Several
    /// sets prefer no version: the build interpreters were as many.
    /// </summary>
    public static (PythonInterpreter Interpreter, int Set) Select(PythonLaunch python, CacheLayout layout, Log log, PythonVersion? preferred = null)
    {
        var requirements = InterpreterRequirementSet.Parse(python.Requirements());
        var facts = InterpreterSelector.Select(requirements, layout, log, Preferred(requirements, preferred));
        var set = Math.Max(0, requirements.IndexAccepting(facts));
        if (requirements.Options.Count > 1)
        {
            log.Line($"interpreter set {set + 1} of {requirements.Options.Count} ('{requirements.Options[set]}')");
        }

        return (new PythonInterpreter(facts.Path, facts.Version.ToString()), set);
    }

    /// <summary>
    /// The file that remembers the choice for an app that does not bundle its interpreter, in this
    /// process's environment (the warm-start stub's start record checks it is still there, so
    /// deleting .choice files makes every app search again).
    /// </summary>
    public static string RememberedChoiceFile(PayloadHeader header, ReadOnlySpan<byte> headerBytes, CacheLayout interpreters)
    {
        var requirements = InterpreterRequirementSet.Parse(header.Launch.Python!.Requirements());
        return interpreters.InterpreterChoice(ChoiceCache.KeyFor(requirements, InterpreterEnvironment.FromProcess(), Preferred(requirements, BuildInterpreterVersion.From(headerBytes))));
    }

    /// <summary>Several sets prefer no version: the build interpreters were as many.</summary>
    private static PythonVersion? Preferred(InterpreterRequirementSet requirements, PythonVersion? preferred) =>
        requirements.Options.Count == 1 ? preferred : null;
}
