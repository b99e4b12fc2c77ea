using Satchel.WarmStart.Native;

namespace Satchel.WarmStart;

/// <summary>
/// The cache root as Satchel.Runtime's CacheRoot finds it (SATCHEL_ROOT, else
/// $XDG_CACHE_HOME/satchel, else ~/.cache/satchel), resolved with realpath and checked the same
/// way: owned by us or by root and closed to other writers, `v1` not a link. An empty variable
/// counts as unset (Settings.Text); a relative HOME is the full launcher's to refuse. A root's
/// cache used by another user (prebaked into a container image) is served too, from the record
/// root's `warm` wrote, once `v1` and the directories below it that a start reads pass the same
/// rule (CacheRoot's shared-cache check), and `v1/apps`, where the record is; anything refused or missing is left to the full
/// launcher (null).
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
        if (real == null || !FileStatus.TryLStat(real, out var root) || !Trusted(root))
        {
            return null;
        }

        IsOwn = root.Uid == LibC.geteuid();
        if (IsOwn)
        {
            return FileStatus.TryLStat(CString.Concat(real, CString.From("/v1")), out var schema) && schema.Type == FileStatus.Directory
                ? real
                : null;
        }

        return TrustedDirectory(real, "/v1") && TrustedDirectory(real, "/v1/units") && TrustedDirectory(real, "/v1/venvs")
            && TrustedDirectory(real, "/v1/interpreters") && TrustedDirectory(real, "/v1/apps")
            ? real
            : null;
    }

    /// <summary>Whether the root <see cref="Find"/> returned is this user's own (else root's, read-only for us).</summary>
    public static bool IsOwn { get; private set; }

    private static bool Trusted(FileStatus status) =>
        status.Type == FileStatus.Directory && (status.Uid == LibC.geteuid() || status.Uid == 0) && (status.Mode & GroupOrOtherWrite) == 0;

    /// <summary>A directory a start may read from passes the rule; one that does not exist is read from by no start that can succeed.</summary>
    private static bool TrustedDirectory(byte* root, string below) =>
        FileStatus.TryLStat(CString.Concat(root, CString.From(below)), out var status) ? Trusted(status) : LibC.Errno == LibC.Enoent;
}
