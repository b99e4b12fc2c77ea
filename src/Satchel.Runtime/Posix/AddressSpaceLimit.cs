namespace Satchel.Runtime.Posix;

/// <summary>The address-space limit `ulimit -v` sets (RLIMIT_AS), which .NET's GC does not size itself to.</summary>
public static class AddressSpaceLimit
{
    /// <summary>The limit of this process in bytes; null when there is none (or off Linux).</summary>
    public static ulong? Bytes =>
        OperatingSystem.IsLinux() && LibC.GetRLimit(LibC.RLIMIT_AS, out var limit) == 0 && limit.Current != LibC.RlimInfinity ? limit.Current : null;
}
