using System.Runtime.InteropServices;

namespace Satchel.Runtime.Posix;

/// <summary>
/// When this machine booted, as wall-clock nanoseconds since the epoch: CLOCK_REALTIME minus
/// CLOCK_BOOTTIME (time since boot, suspend included). Both are read through the vDSO, so the
/// warm path pays no system call for it. A cache marker older than this was written before the
/// last boot, so a power cut may have cut its unit short (docs/cache-layout.md, "Power cuts").
/// </summary>
public static partial class BootClock
{
    private const int ClockRealtime = 0;
    private const int ClockBoottime = 7;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>The boot time in ns since the epoch; <see cref="long.MinValue"/> (every marker is newer) where it cannot be read.</summary>
    public static long BootTimeNanoseconds()
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(ClockRealtime, out var now) != 0 || ClockGetTime(ClockBoottime, out var sinceBoot) != 0)
        {
            return long.MinValue;
        }

        return ((now.Seconds - sinceBoot.Seconds) * 1_000_000_000) + (now.Nanoseconds - sinceBoot.Nanoseconds);
    }
}
