using System.Runtime.InteropServices;

namespace Satchel.Testing;

/// <summary>Whether tests that need root (mounts, chattr, chown) can run here; they skip with this reason otherwise.</summary>
public static partial class RootPrivileges
{
    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEuid() == 0;

    /// <summary>Null when root-only tests can run; else why they cannot.</summary>
    public static string? SkipReason => IsRoot ? null : "needs root (mount, chattr, chown); run the suite as root to include it";
}
