using System.Globalization;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Launch;

/// <summary>
/// Under `ulimit -v`, .NET's GC reserves an address range sized for the machine, not for the
/// limit, and what the process needs beside it (thread stacks, glibc's malloc arenas of 64 MB per
/// thread, Brotli's tables) no longer fits: `satchel build` under `ulimit -v 1000000` ended with
/// exit 1, no word, and its build directory left behind. The GC reads its range only when the
/// process starts, so the CLI starts itself once more with DOTNET_GCRegionRange set to a quarter
/// of the limit (at least 32 MB), the rest left to native memory, and MALLOC_ARENA_MAX=2. The
/// same fit the launcher's warm-start stub makes for the full launcher
/// (src/Satchel.WarmStart/Handover.cs), which keeps half: the launcher makes few threads and no
/// compressor.
/// </summary>
public static class GcRangeFit
{
    private const string RegionRange = "DOTNET_GCRegionRange";
    private const string ArenaMax = "MALLOC_ARENA_MAX";
    private const ulong MinimumRange = 32UL << 20;

    /// <summary>Returns at once without a limit or when the range was set (by us or the user); else does not return.</summary>
    public static void ReexecUnderLimit(string[] args)
    {
        if (Environment.GetEnvironmentVariable(RegionRange) is not null || AddressSpaceLimit.Bytes is not { } limit || Environment.ProcessPath is not { } self)
        {
            return;
        }

        var range = Math.Max(limit / 4, MinimumRange).ToString("x", CultureInfo.InvariantCulture);
        var variables = new Dictionary<string, string> { [RegionRange] = range };

        // glibc reserves 64 MB of address space for each thread's malloc arena (up to 8 per core):
        // a dozen threads took more than half of a 600 MB limit, and a 32 MB allocation then ended
        // the process with exit 1 and no word. Two arenas are plenty for the CLI's few threads that
        // allocate natively (compression). Read by glibc at start, hence set before the exec.
        if (Environment.GetEnvironmentVariable(ArenaMax) is null)
        {
            variables[ArenaMax] = "2";
        }

        try
        {
            ProcessReplacement.SetEnvironment(variables);
            ProcessReplacement.Exec(self, [self, .. args]);
        }
        catch (SatchelException)
        {
            // The exec failed (the binary was replaced meanwhile, say): carry on as we are.
            ProcessReplacement.UnsetEnvironment(variables.Keys);
        }
    }
}
