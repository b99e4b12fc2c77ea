using System.Text.Json;
using Satchel.Build.Caching;
using Satchel.Build.Reproducibility;
using Satchel.Build.Requests;
using Satchel.Build.Resolution;
using Satchel.Build.Wheels;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Python;

/// <summary>A wheel of the resolved set, as the build goes on with it.</summary>
public sealed record ResolvedWheel(string NormalizedName, string Path, bool Requested);

/// <summary>
/// Resolutions in the build cache, reused only when their inputs are provably unchanged
/// (docs/resolution.md, "When pip is not run"): `--no-index`, every find-links entry a local
/// directory whose listing (names, sizes, modification times) is the same, the same requirement
/// specifiers, wheel files (by content), requirement and constraint files (by content, without
/// options that name other files or paths), the same interpreter, pip, target and satchel. Local
/// projects, remote find-links and any index make pip resolve every time (an index may have
/// gained a version since). An entry holds the resolved wheels and the list of them.
/// </summary>
public sealed class ResolutionCache(BuildCache cache)
{
    public const string Kind = "resolutions";
    private const string WheelsDirectory = "wheels";
    private const string ListFile = "resolution.json";

    /// <summary>The key of a resolution of these inputs, or null with the reason pip must run.</summary>
    public static string? KeyOf(PythonBuildRequest request, BuildInputs inputs, PipCommand pip, WheelTarget? target, out string reason)
    {
        var parts = new List<string> { SatchelVersion.Current, InterpreterIdentity.Of(pip.Interpreter), $"pip {pip.VersionText} {pip.Wheel}", $"target {target?.Describe()}", $"require-hashes {request.RequireHashes}" };
        reason = string.Empty;
        if (!request.PackageSources.NoIndex)
        {
            reason = "an index is searched (no --no-index), and it may have new versions";
        }
        else if (inputs.Projects.Count > 0)
        {
            reason = "local projects are built by pip every time";
        }
        else if (inputs.Requirements.FirstOrDefault(IsPathOrUrl) is { } direct)
        {
            reason = $"the requirement '{direct}' names a path or URL";
        }

        var current = Environment.CurrentDirectory;
        foreach (var link in request.PackageSources.FindLinks)
        {
            if (reason.Length > 0)
            {
                break;
            }

            if (LocalLocation.ToPath(link, current) is not { } directory || !Directory.Exists(directory))
            {
                reason = $"the find-links location {link} is not a local directory";
                break;
            }

            parts.Add("find-links " + directory);
            parts.AddRange(Listing(directory));
        }

        parts.AddRange(inputs.Requirements.Select(r => "requirement " + r));
        parts.AddRange(inputs.Wheels.Select(w => $"wheel {w} {CachedWheelInstaller.Sha256Of(w)}"));
        foreach (var (option, files) in new[] { ("-r", request.RequirementFiles), ("--constraint", request.ConstraintFiles) })
        {
            foreach (var file in files)
            {
                if (reason.Length > 0)
                {
                    break;
                }

                var text = File.ReadAllText(file);
                if (text.Split('\n').Select(l => l.Trim()).FirstOrDefault(NamesOtherInputs) is { } line)
                {
                    reason = $"{option} {file} has the line '{line}', which names other files, paths or URLs";
                    break;
                }

                parts.Add($"{option} {Path.GetFullPath(file)} {text}");
            }
        }

        return reason.Length > 0 ? null : BuildCacheKey.Of(Kind, parts);
    }

    /// <summary>The wheels of a resolution made before with the same key; null when there is none.</summary>
    public IReadOnlyList<ResolvedWheel>? Find(string key) => cache.Find(Kind, key) is { } entry ? Read(entry) : null;

    /// <summary>Keeps a resolution: its wheels are moved into the entry and used from there.</summary>
    public IReadOnlyList<ResolvedWheel> Store(string key, IReadOnlyList<ResolvedDistribution> distributions)
    {
        var entry = cache.Store(Kind, key, $"resolution: {string.Join(", ", distributions.Select(d => $"{d.Name} {d.Version}"))}", work =>
        {
            var wheels = Path.Combine(work, WheelsDirectory);
            Directory.CreateDirectory(wheels);
            var list = new List<CachedResolvedWheel>();
            foreach (var distribution in distributions)
            {
                var name = Path.GetFileName(distribution.WheelPath);
                File.Copy(distribution.WheelPath, Path.Combine(wheels, name));
                list.Add(new CachedResolvedWheel(distribution.NormalizedName, name, distribution.Requested));
            }

            File.WriteAllText(Path.Combine(work, ListFile), JsonSerializer.Serialize(list, BuildCacheJson.Default.ListCachedResolvedWheel));
        });
        return Read(entry);
    }

    private static List<ResolvedWheel> Read(string entry)
    {
        try
        {
            var list = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(entry, ListFile)), BuildCacheJson.Default.ListCachedResolvedWheel)
                ?? throw new JsonException("null");
            var wheels = list.Select(w => new ResolvedWheel(w.NormalizedName, Path.Combine(entry, WheelsDirectory, w.FileName), w.Requested)).ToList();
            return wheels.FirstOrDefault(w => !File.Exists(w.Path)) is { } missing ? throw new JsonException($"{missing.Path} is missing") : wheels;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new SatchelException(ExitCodes.Data,
                $"the build cache entry {entry} is damaged ({e.Message}); remove it (`satchel cache purge`) or build with --no-build-cache");
        }
    }

    /// <summary>What pip sees of a find-links directory: its top-level entries, by name, size and modification time.</summary>
    private static IEnumerable<string> Listing(string directory) =>
        new DirectoryInfo(directory).EnumerateFileSystemInfos()
            .Select(i => $"{i.Name} {(i is FileInfo f ? f.Length : -1)} {i.LastWriteTimeUtc.Ticks}")
            .Order(StringComparer.Ordinal);

    private static bool IsPathOrUrl(string requirement) => requirement.Contains('/') || requirement.Contains('\\');

    /// <summary>
    /// A requirement file line that makes pip read something the key does not cover: an option
    /// (-r, -c, -e, -f, -i and the like; `--hash` excepted) or a path or URL.
    /// </summary>
    private static bool NamesOtherInputs(string line) =>
        line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("--hash", StringComparison.Ordinal)
        && (line.StartsWith('-') || IsPathOrUrl(line.Split(" #", 2)[0]));
}
