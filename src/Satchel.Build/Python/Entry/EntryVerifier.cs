using System.Text.Json;
using Satchel.Build.Packing;
using Satchel.Build.Resolution;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;

namespace Satchel.Build.Python.Entry;

/// <summary>
/// Checks `-m MODULE[:FUNC]` and `--script FILE` after installation and before compression,
/// without running any of the app's code, so a typo fails the build (exit 64, no output) instead
/// of every run of the app. MODULE is located in the packed units (see <see cref="ModuleLocator"/>),
/// else among the build interpreter's own modules; a package must have a __main__ for `-m`;
/// FUNC must be bound at module level (read from the source's syntax tree by the build
/// interpreter, which compiles but never imports it); extension modules, sourceless modules and
/// modules defining __getattr__ cannot be judged that way and are let through with a --verbose line.
/// A --script must compile.
/// </summary>
internal sealed class EntryVerifier(BuildInterpreter interpreter, Log log)
{
    public void CheckModule(string entry, IReadOnlyList<UnitSource> units, IEnumerable<UnitPath> paths)
    {
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        var module = colon < 0 ? entry : entry[..colon];
        var function = colon < 0 ? null : entry[(colon + 1)..].Split('.')[0];
        var roots = EntrySearchPath.Of(units, paths);
        var found = ModuleLocator.Locate(module, roots, out var missing);
        if (found is null)
        {
            CheckStandardModule(entry, module, function, missing, roots);
            return;
        }

        if (function is null)
        {
            var runs = found;
            if (found.IsPackage)
            {
                runs = ModuleLocator.Locate(module + ".__main__", roots, out _)
                    ?? throw Fail($"-m {entry}: {module} is a package ({found.Where}) without a __main__ module, so it cannot be run; name a module, or MODULE:FUNC");
            }

            // The module `-m` runs must compile, or every start ends in a SyntaxError.
            if (runs is { Kind: ModuleKind.Source, File.DiskPath: { } runSource })
            {
                CheckCompiles($"-m {entry}", runSource);
            }

            log.Line($"entry check: -m {module} is {found.Where}");
            return;
        }

        switch (found.Kind)
        {
            case ModuleKind.Namespace:
                throw Fail($"-m {entry}: {module} is a namespace package ({found.Where}: directories without __init__.py), which defines no {function}; name the module that does");
            case ModuleKind.Extension or ModuleKind.Bytecode:
                log.Line($"entry check: {module} is {found.Where}, compiled; whether it defines {function} is known only when it is loaded: not checked");
                return;
        }

        if (found.File?.DiskPath is not { } source)
        {
            log.Line($"entry check: {module} ({found.Where}) is a symlink; {function} not checked");
            return;
        }

        CheckBinding(entry, module, function, source, found.Where);
    }

    public void CheckScript(string script)
    {
        var result = RunHelper(["-E", "-S", "-B"], "compile", Path.GetFullPath(script));
        if (result.TryGetProperty("error", out var error))
        {
            throw Fail($"--script {script} does not compile: {error.GetString()}; fix it and build again");
        }

        log.Line($"entry check: --script {script} compiles");
    }

    private void CheckCompiles(string what, string source)
    {
        var result = RunHelper(["-E", "-S", "-B"], "compile", source);
        if (result.TryGetProperty("error", out var error))
        {
            throw Fail($"{what}: {source} does not compile: {error.GetString()}; fix it and build again");
        }
    }

    private void CheckBinding(string entry, string module, string function, string source, string where)
    {
        var result = RunHelper(["-E", "-S", "-B"], "names", source, function);
        if (result.TryGetProperty("error", out var error))
        {
            throw Fail($"-m {entry}: {source} does not compile: {error.GetString()}; fix it and build again");
        }

        if (result.GetProperty("bound").GetBoolean())
        {
            log.Line($"entry check: {module}:{function} is bound in {where}");
        }
        else if (result.GetProperty("getattr").GetBoolean() || result.GetProperty("star").GetBoolean())
        {
            log.Line($"entry check: {module} ({where}) defines __getattr__ or imports with '*'; {function} not checked");
        }
        else
        {
            throw Fail($"-m {entry}: {module} ({source}) has no {function} at module level (no def, class, assignment or import binds it); check the name");
        }
    }

    /// <summary>A module not in the app may still be the interpreter's own (`-m http.server`, `-m json.tool`).</summary>
    private void CheckStandardModule(string entry, string module, string? function, string missing, List<SearchRoot> roots)
    {
        var result = RunHelper(["-I", "-S", "-B"], "stdlib", module);
        if (result.GetProperty("found").GetBoolean())
        {
            var isPackage = result.GetProperty("kind").GetString() == "package";
            if (function is null && isPackage)
            {
                var main = RunHelper(["-I", "-S", "-B"], "stdlib", module + ".__main__");
                if (!main.GetProperty("found").GetBoolean())
                {
                    throw Fail($"-m {entry}: {module} is a package of the standard library without a __main__ module, so it cannot be run");
                }
            }

            log.Line($"entry check: {module} is in {interpreter.Describe()}'s standard library");
            if (function is not null && result.TryGetProperty("origin", out var origin) && origin.GetString() is { } file && file.EndsWith(".py", StringComparison.Ordinal))
            {
                CheckBinding(entry, module, function, file, file);
            }

            return;
        }

        var where = roots.Count == 0 ? "the app has no --sources and no wheels" : "searched " + string.Join(", ", roots.Select(r => r.Description).Distinct());
        throw Fail($"-m {entry}: no module named {missing} in the app ({where}) or the standard library; check the name, or add its directory with --sources");
    }

    /// <summary>Runs check_entry.py; it needs only the standard library, so every caller passes -S (no site, no .pth files imported).</summary>
    private JsonElement RunHelper(string[] flags, params string[] args)
    {
        var outcome = CapturedProcess.Run(interpreter.Path, [.. flags, "-c", PythonScripts.CheckEntry, .. args],
            IsolatedPythonEnvironment.Create(HostEnvironment.Current), Path.GetTempPath(), timeout: ProbeTimeout.Value);
        if (outcome.ExitCode != 0)
        {
            throw new SatchelException(ExitCodes.Unavailable,
                $"{interpreter.Describe()} could not check the entry ({PythonFailure.Describe(outcome)}); pass --python PATH to a working interpreter");
        }

        using var document = JsonDocument.Parse(outcome.StdOut);
        return document.RootElement.Clone();
    }

    private static SatchelException Fail(string message) => new(ExitCodes.Usage, message);
}
