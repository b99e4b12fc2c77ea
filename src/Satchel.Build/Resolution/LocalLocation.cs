namespace Satchel.Build.Resolution;

/// <summary>
/// Tells local locations from remote ones among pip's inputs: a find-links entry or an artifact
/// URL is local when it is a plain path or a file: URL.
/// </summary>
internal static class LocalLocation
{
    /// <summary>The full local path for a path or file: URL; null for http(s) and other URLs.</summary>
    public static string? ToPath(string location, string baseDirectory)
    {
        if (location.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(location, UriKind.Absolute, out var uri) ? Path.GetFullPath(uri.LocalPath) : null;
        }

        return location.Contains("://", StringComparison.Ordinal) ? null : Path.GetFullPath(location, baseDirectory);
    }

    public static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
