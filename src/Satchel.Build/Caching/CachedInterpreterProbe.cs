using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Satchel.Build.Resolution;
using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Posix;

namespace Satchel.Build.Caching;

/// <summary>A kept probe: the interpreter path it was made for, the binary that path led to, the stamps it is valid for ([path, stamp] pairs), the interpreter's answer.</summary>
public sealed record ProbeRecord(string Path, string Binary, List<string[]> Stamps, string Answer);

/// <summary>
/// The build interpreter's probe (<see cref="InterpreterProbe"/>: one Python run, site and pip
/// imported, 0.05–0.8 s by load) kept between builds in <c>v1/build/probes/</c>, one file per
/// interpreter path, and used only while everything its answer depends on is unchanged: the
/// binary the path leads to (real path, size, mtime), a <c>pyvenv.cfg</c> beside it or one level
/// up (present or not, size, mtime), and pip (its package directory, its <c>__init__.py</c>, which
/// holds the version, and the directory holding it, which an upgrade or removal changes). An
/// interpreter without pip is probed every time: where a pip could appear is not known. Files are
/// replaced atomically (<see cref="AtomicPath.ReplaceFile(string, string)"/>); a missing, torn or
/// stale one is a probe. A probe is not kept when something it stamps changed less than 2 s before
/// it ran (an mtime may lag a write by a clock tick), so an answer never outlives what it describes.
/// </summary>
public static class CachedInterpreterProbe
{
    public static BuildInterpreter Locate(BuildCache? cache, string? python, Log log)
    {
        var host = HostEnvironment.Current;
        var path = BuildInterpreterLocator.FindPath(python, host, log);
        if (cache is null || !UnixFileStatus.HasStampLayout)
        {
            return InterpreterProbe.Probe(path, host, log);
        }

        var file = Path.Combine(cache.ProbesDirectory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..32] + ".json");
        if (Read(file, path) is { } kept && InterpreterProbe.FromAnswer(path, kept.Answer, log, " (kept from an earlier build: binary and pip unchanged)") is { } known)
        {
            return known;
        }

        var started = DateTime.UtcNow;
        var probed = InterpreterProbe.Probe(path, host, log, out var answer);
        // Kept only if nothing it stamps changed from a moment before the probe on: a pip upgraded
        // while it ran must not pair the old answer with the new stamps (git's "racily clean").
        if (probed.Pip is { } pip && Stamps(path, pip.Location) is var stamps && Settled(stamps, started - TimeSpan.FromSeconds(2)))
        {
            try
            {
                AtomicPath.ReplaceFile(file, JsonSerializer.Serialize(new ProbeRecord(path, RealPath(path), stamps, answer), BuildCacheJson.Default.ProbeRecord));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Only the next build's speed depends on it.
                log.Line($"build cache: cannot keep the probe of {path} in {file}: {e.Message}");
            }
        }

        return probed;
    }

    private static ProbeRecord? Read(string file, string path)
    {
        try
        {
            var record = JsonSerializer.Deserialize(File.ReadAllText(file), BuildCacheJson.Default.ProbeRecord);
            return record is not null && record.Path == path && record.Binary == RealPath(path) && record.Stamps.Count > 0
                && record.Stamps.All(s => s is [var stamped, var stamp] && Stamp(stamped) == stamp)
                ? record
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static string RealPath(string path) => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    private static List<string[]> Stamps(string path, string pipLocation)
    {
        var bin = Path.GetDirectoryName(path)!;
        string[] stamped =
        [
            RealPath(path),
            Path.Combine(bin, "pyvenv.cfg"),
            Path.Combine(Path.GetDirectoryName(bin) ?? bin, "pyvenv.cfg"),
            pipLocation,
            Path.Combine(pipLocation, "__init__.py"),
            Path.GetDirectoryName(pipLocation) ?? pipLocation,
        ];
        return [.. stamped.Distinct().Select(p => new[] { p, Stamp(p) })];
    }

    private static bool Settled(List<string[]> stamps, DateTime before)
    {
        var limit = (before - DateTime.UnixEpoch).Ticks * 100;
        return stamps.All(s => s[1] == Missing || long.Parse(s[1].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) < limit);
    }

    private const string Missing = "missing";

    /// <summary>Size, mtime (ns) and mode from one lstat, or "missing".</summary>
    private static string Stamp(string path) =>
        UnixFileStatus.TryReadStamp(path, out var size, out var mtime, out var mode) ? $"{size} {mtime} {mode}" : Missing;
}
