using System.Text.Json;
using Satchel.Build.Packing;
using Satchel.Build.Resolution;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;

namespace Satchel.Build.Python;

/// <summary>The bytecode units of a build: their sources to pack, and header tag 11's records (unit indexes filled in by the caller's order).</summary>
public sealed record CompiledBytecode(IReadOnlyList<(UnitSource Unit, int Target)> Units, string CacheTag);

/// <summary>
/// Ships bytecode (docs/format.md, "Bytecode units"): every `.py` file of every unit is compiled
/// by the build interpreter, in one run, into an unchecked-hash `.pyc` (PEP 552: valid whatever
/// the source's mtime after extraction, and never compared with the source, so a read-only cache
/// or PYTHONDONTWRITEBYTECODE=1 costs nothing). The code object's file name is the path inside
/// the unit, and the hash seed is fixed, so the bytes depend on the sources and the interpreter
/// alone: builds stay byte-identical. Each unit's bytecode becomes a unit of its own, keeping the
/// source unit's key (and its sharing between apps) independent of the interpreters compiled for.
/// Files that do not compile (templates, Python 2 code some wheels carry) are left to Python.
/// </summary>
public static class BytecodeBuilder
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    /// <summary>argv[1] = a JSON list of [unit, entry path, source file]; argv[2] = the output root. Prints the cache tag ("" = no bytecode).</summary>
    private const string Script = """
        import json, os, sys, py_compile
        mode = getattr(py_compile, "PycInvalidationMode", None)
        tag = sys.implementation.cache_tag
        if mode is None or tag is None:
            print("")
            sys.exit(0)
        print(tag)
        with open(sys.argv[1], encoding="utf-8") as f:
            jobs = json.load(f)
        for unit, path, source in jobs:
            head, _, name = path.rpartition("/")
            cached = (head + "/" if head else "") + "__pycache__/" + name[:-3] + "." + tag + ".pyc"
            try:
                py_compile.compile(source, cfile=os.path.join(sys.argv[2], str(unit), cached), dfile=path,
                                   doraise=True, invalidation_mode=mode.UNCHECKED_HASH)
            except Exception:
                pass
        """;

    public static CompiledBytecode Compile(BuildInterpreter interpreter, IReadOnlyList<UnitSource> units, string staging, Log log)
    {
        var root = Path.Combine(staging, "bytecode");
        Directory.CreateDirectory(root);
        var jobs = Path.Combine(staging, "bytecode-jobs.json");
        var count = WriteJobs(jobs, units);
        if (count == 0)
        {
            return new CompiledBytecode([], string.Empty);
        }

        var environment = new Dictionary<string, string>(IsolatedPythonEnvironment.Create(HostEnvironment.Current));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = CapturedProcess.Run(interpreter.Path, ["-E", "-s", "-B", "-c", Script, jobs, root], environment, staging, timeout: Timeout);
        if (outcome.ExitCode != 0)
        {
            throw new SatchelException(ExitCodes.Unavailable,
                $"{interpreter.Describe()} failed to compile the app's bytecode ({PythonFailure.Describe(outcome)}); pass --python PATH to a working interpreter");
        }

        var tag = outcome.StdOut.Trim();
        log.Line($"bytecode: {count} sources compiled for '{tag}' in {DurationText.Milliseconds(clock.Elapsed)}");
        if (tag.Length == 0)
        {
            return new CompiledBytecode([], string.Empty);
        }

        var compiled = new List<(UnitSource, int)>();
        for (var i = 0; i < units.Count; i++)
        {
            var tree = Path.Combine(root, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (Directory.Exists(tree))
            {
                compiled.Add((new UnitSource(UnitKind.Bytecode, $"{units[i].Name} ({tag})", SourceTreeScanner.Scan(tree)), i));
            }
        }

        return new CompiledBytecode(compiled, tag);
    }

    private static int WriteJobs(string path, IReadOnlyList<UnitSource> units)
    {
        var count = 0;
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartArray();
        for (var i = 0; i < units.Count; i++)
        {
            foreach (var entry in units[i].Entries)
            {
                if (entry is { Kind: EntryKind.File, DiskPath: { } disk } && IsSource(entry.Path))
                {
                    json.WriteStartArray();
                    json.WriteNumberValue(i);
                    json.WriteStringValue(entry.Path);
                    json.WriteStringValue(disk);
                    json.WriteEndArray();
                    count++;
                }
            }
        }

        json.WriteEndArray();
        return count;
    }

    /// <summary>A module Python would import and cache: `.py`, not already inside a `__pycache__`.</summary>
    private static bool IsSource(string entryPath) =>
        entryPath.EndsWith(".py", StringComparison.Ordinal)
        && !entryPath.StartsWith("__pycache__/", StringComparison.Ordinal)
        && !entryPath.Contains("/__pycache__/", StringComparison.Ordinal);
}
