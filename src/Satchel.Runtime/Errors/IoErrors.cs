namespace Satchel.Runtime.Errors;

/// <summary>Recognises OS errors behind .NET's I/O exceptions, which carry the errno in HResult on Unix.</summary>
public static class IoErrors
{
    private const int EnospcUnix = 28;
    private const int EdquotLinux = 122;
    private const int DiskFullWindows = unchecked((int)0x80070070);
    private const int HandleDiskFullWindows = unchecked((int)0x80070027);

    /// <summary>
    /// The OS's own words for an I/O failure. The launcher is built without .NET's message
    /// resources (they would add to every app), so on Unix the errno behind the exception is
    /// described with strerror instead of the exception's message.
    /// </summary>
    public static string Describe(Exception e)
    {
        if (!OperatingSystem.IsWindows() && e is IOException && e.HResult is > 0 and < 4096)
        {
            return Posix.LibC.StrError(e.HResult);
        }

        // A process that could not start: .NET's sentence repeats the path and working directory
        // around the errno's text ("An error occurred trying to start process … Exec format error").
        if (!OperatingSystem.IsWindows() && e is System.ComponentModel.Win32Exception { NativeErrorCode: > 0 and < 4096 } start)
        {
            return Posix.LibC.StrError(start.NativeErrorCode);
        }

        // .NET checks some lengths itself and throws without an errno; in the launcher its message is
        // only the resource key ("IO_PathTooLong_Path, PATH").
        if (e is PathTooLongException)
        {
            return "file name too long";
        }

        if (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return "no such file or directory";
        }

        if (e is UnauthorizedAccessException)
        {
            return "permission denied";
        }

        return e.Message;
    }

    public static bool IsDiskFull(Exception e) =>
        e is IOException && e.HResult is EnospcUnix or EdquotLinux or DiskFullWindows or HandleDiskFullWindows
        || (e.Message.Contains("No space left on device", StringComparison.Ordinal))
        || IsPreallocationDiskFull(e);

    /// <summary>
    /// A file opened with a preallocation size whose fallocate failed with ENOSPC: .NET throws a
    /// plain IOException (generic HResult) whose message is the resource text, or, where resource
    /// strings are trimmed away as in the launcher, the resource key.
    /// </summary>
    private static bool IsPreallocationDiskFull(Exception e) =>
        e is IOException
        && (e.Message.Contains("IO_DiskFull_Path_AllocationSize", StringComparison.Ordinal)
            || e.Message.Contains("because the disk was full", StringComparison.Ordinal));
}
