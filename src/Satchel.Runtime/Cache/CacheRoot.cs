using System.Runtime.InteropServices;
using Satchel.Runtime.Configuration;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Files;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Cache;

/// <summary>
/// Finds the cache root and makes it safe to use. The root comes from SATCHEL_ROOT, else
/// $XDG_CACHE_HOME/satchel, else the platform's cache folder; it is created 0700, then resolved
/// to its real path once, and every path and link in the cache is derived from that one
/// resolved path, so a symlinked HOME can never yield a link computed between a resolved and an
/// unresolved prefix. A root is trusted when it is owned by the user or by root and is not
/// writable by group or others (the rule of OpenSSH and sudo); anything else is refused. A root
/// owned by root and used by another user is read-only for that user (a cache prebaked into a
/// container image, docs/containers.md): every directory from it down to the units and venvs
/// must pass the same rule, and the layout is marked <see cref="CacheLayout.ReadOnly"/>.
/// </summary>
public static class CacheRoot
{
    private const uint GroupOrOtherWrite = 0b000_010_010;
    private const uint RootUid = 0;

    /// <summary>Linux's PATH_MAX, which every path the cache opens must stay under.</summary>
    private const int PathMax = 4096;

    /// <summary>
    /// The longest root: leaves 1 KiB for what goes under it (a venv's site-packages is about 170
    /// characters below the root, a unit's files `v1/units/KEY/files/` about 90 plus the app's own
    /// paths).
    /// </summary>
    private const int MaxRootLength = PathMax - 1024;

    /// <summary>Where the root would be, before creation and resolution, and which setting chose it.</summary>
    public static (string Path, string Source) Locate()
    {
        if (Settings.Text(SatchelVariables.Root) is { } explicitRoot)
        {
            // A string check, no system call: the warm path pays nothing for it.
            return System.IO.Path.IsPathRooted(explicitRoot)
                ? (System.IO.Path.GetFullPath(explicitRoot), SatchelVariables.Root)
                : throw new SatchelException(ExitCodes.CantCreate,
                    $"SATCHEL_ROOT={explicitRoot} is a relative path: the cache would go wherever the app is started; set it to an absolute path (or unset it for the default)");
        }

        if (!OperatingSystem.IsWindows() && !OperatingSystem.IsMacOS()
            && Settings.Text("XDG_CACHE_HOME") is { } xdg && System.IO.Path.IsPathRooted(xdg))
        {
            return (System.IO.Path.Combine(xdg, "satchel"), "XDG_CACHE_HOME");
        }

        if (OperatingSystem.IsWindows())
        {
            var local = Settings.Text("LOCALAPPDATA") ?? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return (System.IO.Path.Combine(local, "satchel"), "LOCALAPPDATA");
        }

        var home = Settings.Text("HOME") ?? throw new SatchelException(ExitCodes.CantCreate,
            $"cannot place the cache: HOME is {(Environment.GetEnvironmentVariable("HOME") is null ? "not set" : "empty")}; set HOME, XDG_CACHE_HOME or SATCHEL_ROOT to a directory you own");
        if (!System.IO.Path.IsPathRooted(home))
        {
            // As for SATCHEL_ROOT: a relative HOME would put a cache wherever the app is started.
            throw new SatchelException(ExitCodes.CantCreate,
                $"cannot place the cache: HOME={home} is a relative path; set HOME or SATCHEL_ROOT to an absolute path");
        }

        return OperatingSystem.IsMacOS()
            ? (System.IO.Path.Combine(home, "Library", "Caches", "satchel"), "HOME")
            : (System.IO.Path.Combine(home, ".cache", "satchel"), "HOME");
    }

    /// <summary>Creates the root if needed, resolves it to its real path and checks that it is safe.</summary>
    public static string Resolve() => Open().Root;

    /// <summary>
    /// <see cref="Resolve"/>, as a layout that knows whether the cache is the user's own (the
    /// normal case costs no system call beyond the root's one lstat) or root's, read-only for us.
    /// </summary>
    public static CacheLayout Open()
    {
        var (path, source) = Locate();
        if (path.Length > MaxRootLength)
        {
            // Refused whole rather than failing later at whichever file first crosses PATH_MAX.
            throw new SatchelException(ExitCodes.CantCreate,
                $"cache directory {path[..60]}… (from {source}) is {path.Length} characters long; the cache's own names and the apps' files need up to {PathMax - MaxRootLength} more under it, within the system's limit of {PathMax}: set SATCHEL_ROOT to a shorter directory");
        }

        if (!Directory.Exists(path))
        {
            if (File.Exists(path))
            {
                throw new SatchelException(ExitCodes.CantCreate,
                    $"cache directory {path} (from {source}) is a file, not a directory; set SATCHEL_ROOT to a directory (it is created if missing)");
            }

            Create(path, source);
        }

        var real = RealPath(path, source);
        var foreign = CheckSafe(real, source, shareModes: true);
        CheckSchemaLink(real);
        if (foreign)
        {
            CheckSharedTree(real);
        }

        return new CacheLayout(real) { ReadOnly = foreign };
    }

    /// <summary>
    /// In a cache that root owns, the directories between the root and the units, venvs and
    /// interpreter records must be root's (or ours) and closed to other writers too, or another
    /// user could swap what lies beneath them.
    /// </summary>
    private static void CheckSharedTree(string real)
    {
        var layout = new CacheLayout(real);
        foreach (var directory in (string[])[layout.SchemaDir, layout.UnitsDir, layout.VenvsDir, layout.InterpretersDir])
        {
            if (UnixFileStatus.TypeOf(directory) is not 0)
            {
                var source = $"the shared cache {real}";
                CheckSafe(RealPath(directory, source), source, shareModes: false);
            }
        }
    }

    /// <summary>
    /// `ROOT/v1` may be a symlink (moved to a bigger disk by hand, restored from a backup): it is
    /// followed only to a directory that passes the root's own checks, or a link to a shared,
    /// world-writable place would let another user plant units our apps run. One lstat on
    /// the warm path.
    /// </summary>
    private static void CheckSchemaLink(string real)
    {
        var schema = System.IO.Path.Combine(real, CacheLayout.Schema);
        if (OperatingSystem.IsWindows() || (UnixFileStatus.TypeOf(schema) is { } type ? type != UnixFileStatus.SymlinkType : new DirectoryInfo(schema).LinkTarget is null))
        {
            return;
        }

        var source = $"the symbolic link {schema}";
        CheckSafe(RealPath(schema, source), source, shareModes: false);
    }

    private static void Create(string path, string source)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = IoErrors.Describe(e);
            var advice = reason.Equals("file name too long", StringComparison.OrdinalIgnoreCase)
                ? "set SATCHEL_ROOT to a shorter path (a name between slashes may have at most 255 bytes)"
                : "set SATCHEL_ROOT to a writable directory you own";
            throw new SatchelException(ExitCodes.CantCreate, $"cannot create cache directory {path} (from {source}): {reason}; {advice}");
        }
    }

    public static string RealPath(string path, string source)
    {
        if (OperatingSystem.IsWindows())
        {
            var info = new DirectoryInfo(path);
            return (info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName).TrimEnd('\\');
        }

        var ptr = LibC.RealPath(path, IntPtr.Zero);
        if (ptr == IntPtr.Zero)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new SatchelException(ExitCodes.CantCreate,
                $"cannot resolve cache directory {path} (from {source}): {LibC.StrError(errno)}; set SATCHEL_ROOT to a directory you own");
        }

        try
        {
            return Marshal.PtrToStringUTF8(ptr)!;
        }
        finally
        {
            LibC.Free(ptr);
        }
    }

    /// <summary>Refuses a directory another user could change; true when root owns it and we are not root.</summary>
    private static bool CheckSafe(string real, string source, bool shareModes)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        var status = UnixFileStatus.Read(real);
        if (status is not { } s)
        {
            return false;
        }

        var euid = LibC.GetEuid();
        if (s.Uid != euid && s.Uid != RootUid)
        {
            throw new SatchelException(ExitCodes.CantCreate,
                $"cache directory {real} (from {source}) is owned by uid {s.Uid}, {(euid == RootUid ? "not by root (you)" : $"neither by you (uid {euid}) nor by root")}; another user could change what your apps run: set SATCHEL_ROOT to a directory you own");
        }

        if ((s.Mode & GroupOrOtherWrite) != 0)
        {
            throw new SatchelException(ExitCodes.CantCreate,
                $"cache directory {real} (from {source}) is writable by other users (mode {Convert.ToString(s.Mode & 0xFFF, 8)}: its group or others may write); run `chmod go-w {real}` or set SATCHEL_ROOT to a directory only you or root can write");
        }

        if (shareModes)
        {
            CacheModes.ShareLike(s.Mode);
        }

        return s.Uid != euid;
    }
}
