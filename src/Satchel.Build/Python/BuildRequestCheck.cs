using Satchel.Build.Requests;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Interpreters;

namespace Satchel.Build.Python;

/// <summary>
/// Everything about a build request that can be checked without pip or an interpreter, checked
/// before any work (and again once [tool.satchel] was merged): conflicting options, the syntax of
/// `-m` and `--interpreter-constraint`, and that named files and directories exist and are what
/// their option takes. A mistake costs a second, not a resolution.
/// </summary>
public static class BuildRequestCheck
{
    /// <summary>Throws a usage (64) or no-input (66) error for the first problem; <paramref name="entryRequired"/> once project options were merged.</summary>
    public static void Check(PythonBuildRequest request, bool entryRequired)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entries = new[] { ("-m", request.Module), ("-c", request.ConsoleScript), ("--script", request.Script) }.Where(e => e.Item2 is not null).ToList();
        if (entries.Count > 1)
        {
            throw new SatchelException(ExitCodes.Usage, $"give only one of -m, -c and --script (got {string.Join(" and ", entries.Select(e => $"{e.Item1} {e.Item2}"))})");
        }

        if (entryRequired && entries.Count == 0)
        {
            throw new SatchelException(ExitCodes.Usage,
                "no entry point: give one of -m MODULE[:FUNC], -c CONSOLE_SCRIPT or --script FILE (or a project with exactly one [project.scripts] entry)");
        }

        if (request.Module is { } module)
        {
            CheckModule(module);
        }

        if (request.Lock is not null && request.Inputs.Count + request.RequirementFiles.Count + request.ConstraintFiles.Count > 0)
        {
            throw new SatchelException(ExitCodes.Usage, "--lock builds exactly the lock's set: give no requirements, projects, wheels, -r or --constraint with it");
        }

        if (request.MorePythons.Count > 0 && request.BundlePython is not null)
        {
            throw new SatchelException(ExitCodes.Usage,
                $"--bundle-python ships one interpreter, but --python was given {1 + request.MorePythons.Count} times: bundle one Python, or build for several with --python and no --bundle-python");
        }

        if (request.InterpreterConstraint is { } constraint && !InterpreterRequirement.TryParse(constraint, out _, out var error))
        {
            throw new SatchelException(ExitCodes.Usage,
                $"--interpreter-constraint '{constraint}' is not a PEP 440 version specifier ({error}); write clauses such as '>=3.9,<3.13' or '==3.11.*'");
        }

        foreach (var file in request.RequirementFiles)
        {
            ExistingFile(file, "-r");
        }

        foreach (var file in request.ConstraintFiles)
        {
            ExistingFile(file, "--constraint");
        }

        if (request.Script is { } script)
        {
            ExistingFile(script, "--script");
        }

        if (request.Lock is { } lockFile)
        {
            ExistingFile(lockFile, "--lock");
        }

        foreach (var source in request.Sources)
        {
            if (File.Exists(source))
            {
                throw new SatchelException(ExitCodes.Usage,
                    $"--sources {source} is a file; --sources takes a directory of Python sources (to run one file use --script {source}; to add a data file use --include {source})");
            }

            if (!Directory.Exists(source))
            {
                throw new SatchelException(ExitCodes.NoInput, $"--sources {source}: no such directory");
            }
        }

        foreach (var include in request.Includes)
        {
            var from = include.Split('=', 2)[0];
            if (!File.Exists(from) && !Directory.Exists(from))
            {
                throw new SatchelException(ExitCodes.NoInput, $"--include {include}: {from} does not exist");
            }
        }
    }

    private static void ExistingFile(string path, string option)
    {
        if (Directory.Exists(path))
        {
            throw new SatchelException(ExitCodes.Usage, $"{option} {path} is a directory; {option} takes a file");
        }

        if (!File.Exists(path))
        {
            throw new SatchelException(ExitCodes.NoInput,
                option == "--lock" ? $"--lock {path}: no such file; write one with `satchel lock ... -o {path}`" : $"{option} {path}: no such file");
        }
    }

    /// <summary>MODULE is dotted Python identifiers; FUNC too (an attribute path, as in entry points).</summary>
    private static void CheckModule(string module)
    {
        var parts = module.Split(':');
        if (parts.Length > 2 || !IsDottedName(parts[0]) || (parts.Length == 2 && !IsDottedName(parts[1])))
        {
            throw new SatchelException(ExitCodes.Usage,
                $"-m '{module}' is not MODULE or MODULE:FUNC (dotted Python names, e.g. 'myapp' or 'myapp.cli:main')");
        }
    }

    private static bool IsDottedName(string text) =>
        text.Length > 0 && text.Split('.').All(IsIdentifier);

    private static bool IsIdentifier(string part) =>
        part.Length > 0 && (char.IsLetter(part[0]) || part[0] == '_') && part.All(c => char.IsLetterOrDigit(c) || c == '_');
}
