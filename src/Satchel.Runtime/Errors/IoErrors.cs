namespace Satchel.Runtime.Errors;

/// <summary>Recognises OS errors behind .NET's I/O exceptions, which carry the errno in HResult on Unix.</summary>
public static class IoErrors
{
    private const int EnospcUnix = 28;
    private const int EdquotLinux = 122;
    private const int DiskFullWindows = unchecked((int)0x80070070);
    private const int HandleDiskFullWindows = unchecked((int)0x80070027);

    public static bool IsDiskFull(Exception e) =>
        e is IOException && e.HResult is EnospcUnix or EdquotLinux or DiskFullWindows or HandleDiskFullWindows
        || (e.Message.Contains("No space left on device", StringComparison.Ordinal));
}
