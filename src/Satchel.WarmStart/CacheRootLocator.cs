using Satchel.WarmStart.Native;

namespace Satchel.WarmStart;

/// <summary>
/// The cache root as Satchel.Runtime's CacheRoot finds it (SATCHEL_ROOT, else
/// $XDG_CACHE_HOME/satchel, else ~/.cache/satchel), resolved with realpath and checked the same
/// way: owned by us and closed to other writers, `v1` not a link. An empty variable counts as
/// unset (Settings.Text); a relative HOME is the full launcher's to refuse. Only the user's own cache is
/// served here; a root's cache (read-only for us), a missing root, a linked `v1` or anything
/// refused is left to the full launcher (null).
/// </summary>
internal static unsafe class CacheRootLocator
{
    private const uint GroupOrOtherWrite = 0b000_010_010;

    public static byte* Find()
    {
        byte* path;
        var explicitRoot = ProcessEnvironment.Get("SATCHEL_ROOT");
        var xdg = ProcessEnvironment.Get("XDG_CACHE_HOME");
        var home = ProcessEnvironment.Get("HOME");
        if (explicitRoot != null && explicitRoot[0] != 0)
        {
            if (explicitRoot[0] != (byte)'/')
            {
                return null;
            }

            path = FullPath.Normalize(explicitRoot);
        }
        else if (xdg != null && xdg[0] == (byte)'/')
        {
            path = FullPath.Combine(xdg, CString.From("satchel"));
        }
        else if (home != null && home[0] == (byte)'/')
        {
            path = FullPath.Combine(home, CString.From(".cache/satchel"));
        }
        else
        {
            return null;
        }

        var real = LibC.realpath(path, null);
        if (real == null || !FileStatus.TryLStat(real, out var root) || root.Type != FileStatus.Directory
            || root.Uid != LibC.geteuid() || (root.Mode & GroupOrOtherWrite) != 0)
        {
            return null;
        }

        return FileStatus.TryLStat(CString.Concat(real, CString.From("/v1")), out var schema) && schema.Type == FileStatus.Directory
            ? real
            : null;
    }
}
