using Satchel.Build.Resolution;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Locking;

/// <summary>
/// The environment markers of a lock for several interpreters (docs/locks.md, "Several
/// interpreters"): `satchel lock` marks a package only some of its interpreters resolved with
/// `python_version == "3.9" or python_version == "3.11"`, and `satchel build --lock` keeps, per
/// build interpreter, the packages without a marker and those whose marker names its version.
/// Only that form is evaluated (the form `satchel lock` writes); any other marker is refused
/// (exit 65) rather than guessed at.
/// </summary>
public static class PythonVersionMarker
{
    /// <summary>The marker for the packages of these major.minor versions ("3.9", "3.11").</summary>
    public static string For(IEnumerable<string> majorMinors) =>
        string.Join(" or ", majorMinors.Select(v => $"python_version == \"{v}\""));

    /// <summary>"3.11" for the interpreter, as PEP 508's python_version.</summary>
    public static string Of(BuildInterpreter interpreter) => $"{interpreter.Version.Major}.{interpreter.Version.Minor}";

    /// <summary>
    /// The lock's packages for <paramref name="interpreter"/>: unmarked ones and those whose marker
    /// names its version; a package left twice is exit 65.
    /// </summary>
    public static PylockDocument Select(PylockDocument document, string lockPath, BuildInterpreter interpreter)
    {
        if (document.Packages.All(p => p.Marker is null))
        {
            return document;
        }

        var version = Of(interpreter);
        var selected = document.Packages.Where(p => p.Marker is not { } marker || Versions(marker, lockPath, p).Contains(version)).ToList();
        if (selected.GroupBy(p => p.NormalizedName).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new SatchelException(ExitCodes.Data,
                $"{Path.GetFullPath(lockPath)} cannot be built from: it locks {twice.Key} {twice.Count()} times for Python {version}; each entry's marker must name other Python versions (run `satchel lock` again)");
        }

        return document with { Packages = selected };
    }

    /// <summary>The versions a marker of the form `python_version == "X.Y" or …` names.</summary>
    private static List<string> Versions(string marker, string lockPath, LockedPackage package)
    {
        var versions = new List<string>();
        foreach (var clause in marker.Split(" or ", StringSplitOptions.TrimEntries))
        {
            var parts = clause.Split("==", 2, StringSplitOptions.TrimEntries);
            if (parts is not ["python_version", var quoted] || quoted.Length < 3 || quoted[0] is not ('"' or '\'') || quoted[^1] != quoted[0]
                || !Version.TryParse(quoted[1..^1], out _))
            {
                throw new SatchelException(ExitCodes.Data,
                    $"{Path.GetFullPath(lockPath)} cannot be built from: package {package.Name} {package.Version} has the marker '{marker}', and satchel evaluates only `python_version == \"X.Y\"` clauses joined by `or` (as `satchel lock` writes them); lock again with `satchel lock`");
            }

            versions.Add(quoted[1..^1]);
        }

        return versions;
    }
}
