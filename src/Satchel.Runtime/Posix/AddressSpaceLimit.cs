using System.Globalization;
using System.Runtime.InteropServices;

namespace Satchel.Runtime.Posix;

/// <summary>
/// Under `ulimit -v`, .NET's GC reserves an address range sized for the machine, not for the
/// limit, and what the process needs beside it (thread stacks, glibc's malloc arenas of 64 MB per
/// thread, Brotli's tables) no longer fits: `satchel build` under `ulimit -v 1000000` ended with
/// exit 1, no word, and its build directory left behind. The GC reads its range only when the
/// process starts, so the CLI starts itself once more with DOTNET_GCRegionRange set to a quarter
/// of the limit (at least 32 MB), the rest left to native memory, and MALLOC_ARENA_MAX=2. The same fit the launcher's
/// warm-start stub makes for the full launcher (src/Satchel.WarmStart/Handover.cs), which keeps
/// half: the launcher makes few threads and no compressor.
/// </summary>
public static class AddressSpaceLimit
{
    private const string RegionRange = "DOTNET_GCRegionRange";
    private const string ArenaMax = "MALLOC_ARENA_MAX";
    private const ulong MinimumRange = 32UL << 20;

    /// <summary>The address-space limit of this process in bytes; null when there is none (or off Linux).</summary>
    public static ulong? Bytes =>
        OperatingSystem.IsLinux() && LibC.GetRLimit(LibC.RLIMIT_AS, out var limit) == 0 && limit.Current != LibC.RlimInfinity ? limit.Current : null;

    /// <summary>Returns at once without a limit or when the range was set (by us or the user); else does not return.</summary>
    public static void FitGarbageCollector(string[] args)
    {
        if (Environment.GetEnvironmentVariable(RegionRange) is not null || Bytes is not { } limit || Environment.ProcessPath is not { } self)
        {
            return;
        }

        var range = Math.Max(limit / 4, MinimumRange);
        if (LibC.SetEnv(RegionRange, range.ToString("x", CultureInfo.InvariantCulture), 1) != 0)
        {
            return;
        }

        // glibc reserves 64 MB of address space for each thread's malloc arena (up to 8 per core):
        // a dozen threads took more than half of a 600 MB limit, and a 32 MB allocation then ended
        // the process with exit 1 and no word. Two arenas are plenty for the CLI's few threads that
        // allocate natively (compression). Read by glibc at start, hence set before the exec.
        if (Environment.GetEnvironmentVariable(ArenaMax) is null)
        {
            LibC.SetEnv(ArenaMax, "2", 1);
        }

        var argv = new IntPtr[args.Length + 2];
        argv[0] = Marshal.StringToCoTaskMemUTF8(self);
        for (var i = 0; i < args.Length; i++)
        {
            argv[i + 1] = Marshal.StringToCoTaskMemUTF8(args[i]);
        }

        LibC.Execv(self, argv);
        // The exec failed (the binary was replaced meanwhile, say): carry on as we are.
        LibC.UnsetEnv(RegionRange);
        foreach (var pointer in argv)
        {
            Marshal.FreeCoTaskMem(pointer);
        }
    }
}
