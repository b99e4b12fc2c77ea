using System.Text.Json;
using Satchel.Build.Caching;
using Satchel.Build.Packing;
using Satchel.Build.Resolution;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;

namespace Satchel.Build.Python;

/// <summary>
/// The bytecode units of a build: their sources to pack, and header tag 11's records (unit indexes
/// filled in by the caller's order); <paramref name="AppFailures"/> are the app unit's files that did
/// not compile (path inside the unit, reason), for a warning.
/// </summary>
public sealed record CompiledBytecode(IReadOnlyList<(UnitSource Unit, int Target)> Units, string CacheTag, IReadOnlyList<(string Path, string Reason)> AppFailures);

/// <summary>
/// Ships bytecode (docs/format.md, "Bytecode units"): every `.py` file of every unit is compiled
/// by the build interpreter, in one run, into an unchecked-hash `.pyc` (PEP 552: valid whatever
/// the source's mtime after extraction, and never compared with the source, so a read-only cache
/// or PYTHONDONTWRITEBYTECODE=1 costs nothing). The code object's file name is the path inside
/// the unit, and the hash seed is fixed, so the bytes depend on the sources and the interpreter
/// alone: builds stay byte-identical. Each unit's bytecode becomes a unit of its own, keeping the
/// source unit's key (and its sharing between apps) independent of the interpreters compiled for.
/// Files that do not compile (templates, Python 2 code some wheels carry) are left to Python, as
/// pip leaves them; those of the app unit (the user's own `--sources`, includes and script) are
/// reported, since such a file fails when imported under that interpreter, which a build for
/// several Pythons would otherwise ship without a word.
/// </summary>
public static class BytecodeBuilder
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);

    /// <summary>
    /// argv[1] = a JSON list of [unit, entry path, source file]; argv[2] = the output root. Prints the
    /// cache tag ("" = no bytecode), then one JSON line [unit, entry path, reason] per file that did not compile.
    /// </summary>
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
            except py_compile.PyCompileError as e:
                v = e.exc_value
                where = "line %s: " % v.lineno if getattr(v, "lineno", None) else ""
                print(json.dumps([unit, path, "%s%s: %s" % (where, e.exc_type_name, getattr(v, "msg", None) or v)]))
            except Exception as e:
                print(json.dumps([unit, path, "%s: %s" % (type(e).__name__, e)]))
        """;

    public const string CacheKind = "bytecode";
    private const string CacheTree = "tree";
    private const string CacheTagFile = "tag";
    private const string CacheFailuresFile = "failures";

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
        var failures = new Dictionary<int, List<(string Path, string Reason)>>();
        var toCompile = withSources.Where(i => !reused.ContainsKey(i)).ToList();
        if (toCompile.Count > 0)
        {
            var root = Path.Combine(staging, "bytecode");
            (tag, failures) = Run(interpreter, units, toCompile, root, staging, log);
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
                        // Kept so that a rebuild from the cache warns as the first build did.
                        File.WriteAllText(Path.Combine(work, CacheFailuresFile), JsonSerializer.Serialize(
                            failures.GetValueOrDefault(i, []).Select(f => new[] { f.Path, f.Reason }).ToList(), BuildCacheJson.Default.ListStringArray));
                    });
                    staged.Remove(i);
                }
            }
        }

        var compiled = new List<(UnitSource, int)>();
        var appFailures = new List<(string Path, string Reason)>();
        foreach (var i in withSources)
        {
            if (units[i].Kind == UnitKind.App)
            {
                appFailures.AddRange(reused.TryGetValue(i, out var kept) ? ReadFailures(kept) : failures.GetValueOrDefault(i, []));
            }

            var (tree, unitTag, key) = reused.TryGetValue(i, out var entry)
                ? (Path.Combine(entry, CacheTree), File.ReadAllText(Path.Combine(entry, CacheTagFile)), keys[i])
                : (staged[i], tag, null);
            if (unitTag.Length > 0 && Directory.Exists(tree))
            {
                tag = unitTag;
                compiled.Add((new UnitSource(UnitKind.Bytecode, $"{units[i].Name} ({unitTag})", CachedTreeListing.Entries(tree, key is not null)) { ContentKey = key }, i));
            }
        }

        return compiled.Count == 0 ? new CompiledBytecode([], string.Empty, appFailures) : new CompiledBytecode(compiled, tag, appFailures);
    }

    /// <summary>The failures kept with a cached unit's bytecode (none in an entry from before they were kept).</summary>
    private static List<(string Path, string Reason)> ReadFailures(string entry)
    {
        var file = Path.Combine(entry, CacheFailuresFile);
        if (!File.Exists(file))
        {
            return [];
        }

        try
        {
            var rows = JsonSerializer.Deserialize(File.ReadAllText(file), BuildCacheJson.Default.ListStringArray) ?? throw new JsonException("null");
            return [.. rows.Select(r => r.Length == 2 ? (r[0], r[1]) : throw new JsonException($"a row of {r.Length} values"))];
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new SatchelException(ExitCodes.Data,
                $"the build cache entry {entry} is damaged ({e.Message}); remove it (`satchel cache purge`) or build with --no-build-cache");
        }
    }

    /// <summary>
    /// Compiles the sources of <paramref name="selected"/> units into root/&lt;unit&gt;/ in one run;
    /// returns the cache tag ("" = no bytecode) and, by unit, the files that did not compile.
    /// </summary>
    private static (string Tag, Dictionary<int, List<(string Path, string Reason)>> Failures) Run(BuildInterpreter interpreter, IReadOnlyList<UnitSource> units, List<int> selected, string root, string staging, Log log)
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

        var lines = outcome.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var tag = lines.Length > 0 ? lines[0] : string.Empty;
        var failures = new Dictionary<int, List<(string Path, string Reason)>>();
        foreach (var line in lines.Skip(1))
        {
            using var row = JsonDocument.Parse(line);
            var unit = row.RootElement[0].GetInt32();
            (failures.TryGetValue(unit, out var list) ? list : failures[unit] = []).Add((row.RootElement[1].GetString()!, row.RootElement[2].GetString()!));
        }

        log.Line($"bytecode: {count} sources of {selected.Count} units compiled for '{tag}' in {DurationText.Milliseconds(clock.Elapsed)}; {failures.Values.Sum(f => f.Count)} did not compile");
        return (tag, failures);
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
