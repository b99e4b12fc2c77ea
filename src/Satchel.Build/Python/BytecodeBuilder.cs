using System.Text.Json;
using Satchel.Build.Caching;
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

    public const string CacheKind = "bytecode";
    private const string CacheTree = "tree";
    private const string CacheTagFile = "tag";

    /// <summary>
    /// Compiles the units' sources. With a build cache, a unit compiled before by the same
    /// interpreter (its identity and the interpreter's in the key) is taken from it, only the others
    /// are compiled, and what they give is stored; the units come out the same either way.
    /// </summary>
    public static CompiledBytecode Compile(BuildInterpreter interpreter, IReadOnlyList<UnitSource> units, string staging, Log log,
        BuildCache? cache = null, UnitIdentity? identity = null)
    {
        identity ??= new UnitIdentity();
        var withSources = Enumerable.Range(0, units.Count).Where(i => units[i].Entries.Any(IsSourceFile)).ToList();
        var keys = cache is null ? [] : withSources.ToDictionary(i => i, i => BuildCacheKey.Of(CacheKind, identity.Of(units[i]), InterpreterIdentity.Of(interpreter)));
        var reused = new Dictionary<int, string>();
        foreach (var (i, key) in keys)
        {
            if (cache!.Find(CacheKind, key) is { } entry)
            {
                reused[i] = entry;
            }
        }

        var tag = string.Empty;
        var staged = new Dictionary<int, string>();
        var toCompile = withSources.Where(i => !reused.ContainsKey(i)).ToList();
        if (toCompile.Count > 0)
        {
            var root = Path.Combine(staging, "bytecode");
            tag = Run(interpreter, units, toCompile, root, staging, log);
            foreach (var i in toCompile)
            {
                var tree = Path.Combine(root, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                staged[i] = tree;
                // A unit read from the user's files is stored only if they did not change meanwhile.
                if (cache is not null && (units[i].ContentKey is not null || UnitIdentity.Current(units[i]) == identity.Of(units[i])))
                {
                    reused[i] = cache.Store(CacheKind, keys[i], $"bytecode of {units[i].Name}", work =>
                    {
                        if (Directory.Exists(tree))
                        {
                            TreeTransfer.Move(tree, Path.Combine(work, CacheTree));
                            CachedTreeListing.Write(Path.Combine(work, CacheTree));
                        }

                        File.WriteAllText(Path.Combine(work, CacheTagFile), tag);
                    });
                    staged.Remove(i);
                }
            }
        }

        var compiled = new List<(UnitSource, int)>();
        foreach (var i in withSources)
        {
            var (tree, unitTag, key) = reused.TryGetValue(i, out var entry)
                ? (Path.Combine(entry, CacheTree), File.ReadAllText(Path.Combine(entry, CacheTagFile)), keys[i])
                : (staged[i], tag, null);
            if (unitTag.Length > 0 && Directory.Exists(tree))
            {
                tag = unitTag;
                compiled.Add((new UnitSource(UnitKind.Bytecode, $"{units[i].Name} ({unitTag})", CachedTreeListing.Entries(tree, key is not null)) { ContentKey = key }, i));
            }
        }

        return compiled.Count == 0 ? new CompiledBytecode([], string.Empty) : new CompiledBytecode(compiled, tag);
    }

    /// <summary>Compiles the sources of <paramref name="selected"/> units into root/&lt;unit&gt;/ in one run; returns the cache tag ("" = no bytecode).</summary>
    private static string Run(BuildInterpreter interpreter, IReadOnlyList<UnitSource> units, List<int> selected, string root, string staging, Log log)
    {
        Directory.CreateDirectory(root);
        var jobs = Path.Combine(staging, "bytecode-jobs.json");
        var count = WriteJobs(jobs, units, selected);
        var environment = new Dictionary<string, string>(IsolatedPythonEnvironment.Create(HostEnvironment.Current));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // -S: compiling needs only the standard library, and site would import whatever .pth files
        // the interpreter's site-packages hold (tens of ms on every rebuild that compiles).
        // Not -E: it would also ignore the PYTHONHASHSEED=0 the isolated environment sets (which
        // already holds none of the user's PYTHON* variables), and before Python 3.11 marshal
        // writes a frozenset constant (`x in {"a", "b"}`) in hash order, so 3.9's bytecode
        // differed from build to build.
        var outcome = CapturedProcess.Run(interpreter.Path, ["-S", "-B", "-c", Script, jobs, root], environment, staging, timeout: Timeout);
        if (outcome.ExitCode != 0)
        {
            throw new SatchelException(ExitCodes.Unavailable,
                $"{interpreter.Describe()} failed to compile the app's bytecode ({PythonFailure.Describe(outcome)}); pass --python PATH to a working interpreter");
        }

        var tag = outcome.StdOut.Trim();
        log.Line($"bytecode: {count} sources of {selected.Count} units compiled for '{tag}' in {DurationText.Milliseconds(clock.Elapsed)}");
        return tag;
    }

    private static int WriteJobs(string path, IReadOnlyList<UnitSource> units, List<int> selected)
    {
        var count = 0;
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartArray();
        foreach (var i in selected)
        {
            foreach (var entry in units[i].Entries)
            {
                if (IsSourceFile(entry) && entry.DiskPath is { } disk)
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

    private static bool IsSourceFile(SourceEntry entry) => entry is { Kind: EntryKind.File, DiskPath: not null } && IsSource(entry.Path);

    /// <summary>A module Python would import and cache: `.py`, not already inside a `__pycache__`.</summary>
    private static bool IsSource(string entryPath) =>
        entryPath.EndsWith(".py", StringComparison.Ordinal)
        && !entryPath.StartsWith("__pycache__/", StringComparison.Ordinal)
        && !entryPath.Contains("/__pycache__/", StringComparison.Ordinal);
}
