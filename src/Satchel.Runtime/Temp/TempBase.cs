using Satchel.Runtime.Cache;
using Satchel.Runtime.Configuration;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Temp;

/// <summary>
/// Where temp-mode runs make their private directories: SATCHEL_TEMP, else TMPDIR, else /tmp
/// (Windows: the user's temp folder), resolved to its real path. Programs must be able to run from
/// there: a TMPDIR or /tmp mounted noexec falls back to the cache's temp directory; an explicit
/// SATCHEL_TEMP mounted noexec, or no usable place at all, is an error naming SATCHEL_TEMP.
/// </summary>
public static class TempBase
{
    public static string Choose(Log log)
    {
        var (path, source) = Locate();
        var real = CacheRoot.RealPath(path, source);
        if (!MountFlags.IsNoExec(real))
        {
            return real;
        }

        if (source == SatchelVariables.Temp)
        {
            throw new SatchelException(ExitCodes.CantCreate,
                $"{SatchelVariables.Temp}={path} is on a file system mounted noexec, so the app could not run from there; set {SatchelVariables.Temp} to a directory on a file system that allows running programs");
        }

        var fallback = new CacheLayout(CacheRoot.Resolve()).TempDir;
        AtomicDirectory.CreatePrivateDirectory(fallback);
        if (MountFlags.IsNoExec(fallback))
        {
            throw new SatchelException(ExitCodes.CantCreate,
                $"both {real} (from {source}) and the cache {fallback} are on file systems mounted noexec, so the app could not run from there; set {SatchelVariables.Temp} to a directory on a file system that allows running programs");
        }

        log.Line($"{real} (from {source}) is mounted noexec: using {fallback}");
        return fallback;
    }

    /// <summary>The configured place and which setting chose it, before resolution.</summary>
    public static (string Path, string Source) Locate()
    {
        if (Settings.Text(SatchelVariables.Temp) is { } explicitPath)
        {
            return Directory.Exists(explicitPath)
                ? (Path.GetFullPath(explicitPath), SatchelVariables.Temp)
                : throw new SatchelException(ExitCodes.CantCreate, $"{SatchelVariables.Temp}={explicitPath} is not an existing directory; create it or set {SatchelVariables.Temp} to one");
        }

        if (OperatingSystem.IsWindows())
        {
            return (Path.GetTempPath(), "TEMP");
        }

        return Settings.Text("TMPDIR") is { } tmp && Path.IsPathRooted(tmp) && Directory.Exists(tmp) ? (tmp, "TMPDIR") : ("/tmp", "/tmp");
    }
}
