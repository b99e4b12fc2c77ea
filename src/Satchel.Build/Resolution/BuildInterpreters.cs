using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Interpreters;

namespace Satchel.Build.Resolution;

/// <summary>
/// The interpreters a build is for: the first `--python` (located as it always was), then each
/// later one. One per Python version: two of the same major.minor would resolve for the same
/// interpreters at run time, and the launcher could only ever pick the first (exit 64).
/// </summary>
public static class BuildInterpreters
{
    /// <param name="firstAsGiven">The first `--python` as typed (null when none was: the default interpreter), so a clash names both as the user wrote them.</param>
    public static IReadOnlyList<BuildInterpreter> Locate(BuildInterpreter first, string? firstAsGiven, IReadOnlyList<string> more, Log log)
    {
        var all = new List<(BuildInterpreter Interpreter, string? AsGiven)> { (first, firstAsGiven) };
        foreach (var python in more)
        {
            var next = BuildInterpreterLocator.Locate(python, log: log);
            if (all.Find(i => i.Interpreter.Version.Major == next.Version.Major && i.Interpreter.Version.Minor == next.Version.Minor) is { Interpreter: not null } same)
            {
                var earlier = same.AsGiven is { } given
                    ? $"--python {given} (python {same.Interpreter.VersionText}, {same.Interpreter.Path})"
                    : $"the default build interpreter, {same.Interpreter.Describe()}";
                throw new SatchelException(ExitCodes.Usage,
                    $"--python {python} is Python {next.Version.Major}.{next.Version.Minor}, like {earlier}: an app holds one set per Python version; give one interpreter of each version");
            }

            all.Add((next, python));
        }

        return [.. all.Select(i => i.Interpreter)];
    }

    /// <summary>
    /// With several `--python`, each set's requirement is its own `==X.Y.*` and the constraint: an
    /// interpreter the constraint excludes would give a set no interpreter can ever run (and if all
    /// are excluded, an app that runs nowhere), so it is refused before any work (exit 64), naming it.
    /// With one `--python` the constraint replaces the version instead and is the user's to choose.
    /// </summary>
    public static void CheckConstraint(IReadOnlyList<BuildInterpreter> interpreters, string? constraint)
    {
        if (interpreters.Count < 2 || constraint is null || !InterpreterRequirement.TryParse(constraint, out var requirement, out _))
        {
            return;
        }

        foreach (var interpreter in interpreters)
        {
            if (PythonVersion.TryParse(interpreter.VersionText, out var version, out _) && !requirement.Versions.Contains(version, allowPrereleases: true))
            {
                throw new SatchelException(ExitCodes.Usage,
                    $"--python {interpreter.Path} is Python {interpreter.VersionText}, which --interpreter-constraint '{constraint}' excludes: its part of the app could never run; leave out that --python or widen the constraint");
            }
        }
    }

    /// <summary>
    /// The failure of one interpreter's work in a build for several, naming that interpreter first
    /// (no partial app: it fails the whole build): "for --python PATH (Python 3.9.18): pip failed …".
    /// </summary>
    public static SatchelException Failed(BuildInterpreter interpreter, SatchelException e) =>
        new(e.ExitCode, $"for --python {interpreter.Path} (Python {interpreter.VersionText}): {e.Message}", e);

    /// <summary>How the header's build provenance names them: "cpython 3.11.7", or with several "cpython 3.9.18, cpython 3.11.7".</summary>
    public static string Provenance(IReadOnlyList<BuildInterpreter> interpreters) =>
        string.Join(", ", interpreters.Select(i => $"{i.Implementation} {i.VersionText}"));
}
