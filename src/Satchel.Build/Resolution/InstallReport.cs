using System.Text.Json;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Resolution;

/// <summary>
/// Reads pip's installation report (https://pip.pypa.io/en/stable/reference/installation-report/),
/// version "1", as written by `pip install --dry-run --report`.
/// </summary>
internal static class InstallReport
{
    public static IReadOnlyList<ReportEntry> Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var version = root.GetProperty("version").GetString();
            if (version != "1")
            {
                throw Invalid(path, $"report version {version}, expected 1");
            }

            return root.GetProperty("install").EnumerateArray().Select(Entry).ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw Invalid(path, e.Message);
        }
    }

    private static ReportEntry Entry(JsonElement item)
    {
        var metadata = item.GetProperty("metadata");
        var download = item.GetProperty("download_info");
        var url = download.GetProperty("url").GetString() ?? throw new InvalidOperationException("download_info.url is null");
        string? sha256 = null;
        string? vcs = null;
        string? commit = null;
        ArtifactKind kind;
        if (download.TryGetProperty("archive_info", out var archive))
        {
            kind = ArtifactKind.Archive;
            sha256 = ArchiveSha256(archive);
        }
        else if (download.TryGetProperty("vcs_info", out var vcsInfo))
        {
            kind = ArtifactKind.Vcs;
            vcs = vcsInfo.GetProperty("vcs").GetString();
            commit = vcsInfo.GetProperty("commit_id").GetString();
        }
        else if (download.TryGetProperty("dir_info", out _))
        {
            kind = ArtifactKind.Directory;
        }
        else
        {
            throw new InvalidOperationException($"download_info of {url} has no archive_info, dir_info or vcs_info");
        }

        return new ReportEntry(
            metadata.GetProperty("name").GetString() ?? throw new InvalidOperationException("metadata.name is null"),
            metadata.GetProperty("version").GetString() ?? throw new InvalidOperationException("metadata.version is null"),
            url,
            kind,
            item.TryGetProperty("is_direct", out var direct) && direct.GetBoolean(),
            item.TryGetProperty("requested", out var requested) && requested.GetBoolean(),
            sha256,
            vcs,
            commit,
            download.TryGetProperty("subdirectory", out var subdirectory) ? subdirectory.GetString() : null);
    }

    /// <summary>pip 23.0 writes only "hash": "sha256=…"; later versions add a "hashes" map.</summary>
    private static string? ArchiveSha256(JsonElement archive)
    {
        if (archive.TryGetProperty("hashes", out var hashes) && hashes.TryGetProperty("sha256", out var fromMap))
        {
            return fromMap.GetString()?.ToLowerInvariant();
        }

        return archive.TryGetProperty("hash", out var hash) && hash.GetString() is { } text
            && text.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase)
            ? text["sha256=".Length..].ToLowerInvariant()
            : null;
    }

    private static SatchelException Invalid(string path, string what) =>
        new(ExitCodes.Data, $"pip's installation report {path} is not usable ({what}); is the pip too new or too old? pass --python with a pip {PipCommand.Minimum} or newer");
}
