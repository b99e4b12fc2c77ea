using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Resolution;

/// <summary>
/// The resolved artifacts that are ready wheel files on this machine (a find-links folder, a
/// wheel given as input), copied as they are into the wheel folder: that is all `pip wheel` does
/// with them, and skipping that second pip run saves ~0.8 s of a cold awscli build when every
/// artifact is one (bench/README.md, 2026-12-03). Only those whose SHA-256 the report names, so
/// <see cref="WheelSetVerifier"/> still proves the copy is the file pip resolved; the rest (sdists,
/// projects, checkouts, an index's files) are pip's to fetch or build.
/// </summary>
internal static class LocalWheelCopy
{
    /// <summary>Copies what it can into <paramref name="directory"/>; returns the entries left for pip.</summary>
    public static IReadOnlyList<ReportEntry> CopyReady(IReadOnlyList<ReportEntry> entries, string directory, Log log, CancellationToken cancellation)
    {
        var left = new List<ReportEntry>();
        var copied = new List<string>();
        foreach (var entry in entries)
        {
            if (LocalPath(entry) is not { } source)
            {
                left.Add(entry);
                continue;
            }

            cancellation.ThrowIfCancellationRequested();
            var name = Path.GetFileName(source);
            try
            {
                File.Copy(source, Path.Combine(directory, name));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SatchelException(e is FileNotFoundException or DirectoryNotFoundException ? ExitCodes.NoInput : ExitCodes.IoError,
                    $"cannot copy {source}, which pip resolved for {entry.Name} {entry.Version}: {IoErrors.Describe(e)}; rerun the build, and check the folder if it repeats");
            }

            copied.Add(name);
        }

        if (copied.Count > 0)
        {
            log.Line($"copied {copied.Count} ready wheel{(copied.Count == 1 ? string.Empty : "s")} from local files, no pip run needed for {(copied.Count == 1 ? "it" : "them")}: {string.Join(", ", copied)}");
        }

        return left;
    }

    private static string? LocalPath(ReportEntry entry) =>
        entry.IsWheel && entry.ArchiveSha256 is not null
        && Uri.TryCreate(entry.Url, UriKind.Absolute, out var uri) && uri.IsFile && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? uri.LocalPath
            : null;
}
