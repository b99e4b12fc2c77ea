using Satchel.Build.Output;
using Satchel.Build.Reproducibility;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;

namespace Satchel.Build.Packing;

/// <summary>`satchel pack`: one directory becomes the single app unit of a new executable.</summary>
public static class DirectoryPacker
{
    /// <summary>
    /// Packs <paramref name="request"/>. The output is written in the build directory beside it and
    /// renamed into place; clean-up problems never fail the build: they reach
    /// <paramref name="warn"/> (default: "satchel: warning: ..." on stderr).
    /// </summary>
    public static (string Output, PackedPayload Payload) Pack(PackRequest request, IProgress<long>? progress = null, Log? log = null, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        log ??= Log.Quiet;
        OutputGuard.Check(request.Output,
        [
            new("--entry", Path.Combine(request.SourceDirectory, request.Entry)), new("DIR", request.SourceDirectory),
            .. request.Launcher is null ? Array.Empty<BuildInputPath>() : [new("--launcher", request.Launcher)],
        ]);
        var exclusions = PackExclusions.ForPack(request.Excludes ?? [], request.Output, log);
        log.Line(exclusions.Describe());
        var entries = StaleBytecodeFilter.Apply(SourceTreeScanner.Scan(request.SourceDirectory, exclusions), out var stale);
        if (stale > 0)
        {
            log.Line($"left out {stale} timestamp-based .pyc files: stale once extracted (the payload keeps no mtimes)");
        }

        var entry = NormalizeEntry(request.Entry);
        var target = entries.Find(e => e.Path == entry);
        if (target is null || target.Kind != EntryKind.File)
        {
            throw new SatchelException(ExitCodes.Usage,
                $"entry '{request.Entry}' is not a regular file inside {request.SourceDirectory}; give --entry as a path relative to the directory");
        }

        if (!target.Executable && !OperatingSystem.IsWindows())
        {
            throw new SatchelException(ExitCodes.Usage,
                $"entry {Path.Combine(request.SourceDirectory, entry)} is not executable; run `chmod +x` on it (a script also needs a '#!' line)");
        }

        var name = request.Name ?? Path.GetFileNameWithoutExtension(request.Output);
        var launch = new LaunchSpec(LaunchKind.Exec, 0, entry, request.InjectArgs ?? [], request.InjectEnv ?? []);
        var provenance = new BuildProvenance(SourceDateEpoch.Resolve(), SatchelVersion.Current, string.Empty, []);
        var spec = new PayloadSpec(name, request.ExtractMode, launch, request.GraceMilliseconds, provenance);
        var units = new[] { new UnitSource(UnitKind.App, name, entries) };
        var launcher = LauncherLocator.Find(request.Launcher, request.Platform);

        using var staging = BuildDirectory.Open(request.Output, log, warn);
        return AppFileWriter.Write(request.Output, staging.Path, launcher, units, spec, request.Compression ?? CompressionSettings.Default, progress);
    }

    private static string NormalizeEntry(string entry)
    {
        var normalized = entry.Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized[2..];
        }

        try
        {
            EntryPathRules.Check(normalized);
        }
        catch (FormatViolationException)
        {
            throw new SatchelException(ExitCodes.Usage, $"entry '{entry}' must be a relative path inside the directory, without '..'");
        }

        return normalized;
    }
}
