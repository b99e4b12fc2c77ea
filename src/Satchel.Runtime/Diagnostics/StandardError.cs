using System.Text;

namespace Satchel.Runtime.Diagnostics;

/// <summary>
/// Writes whole lines to the process's stderr. On Unix it writes to fd 2 directly: pulling in
/// System.Console would add its terminal and encoding machinery to every app's launcher.
/// </summary>
public static partial class StandardError
{
    public static void WriteLine(string line) => Write(2, -12, line + "\n");

    /// <summary>Writes all of <paramref name="text"/> to a standard stream (Unix fd, or Windows STD_*_HANDLE number).</summary>
    internal static void Write(int fd, int windowsHandle, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var offset = 0;
        if (OperatingSystem.IsWindows())
        {
            // WriteFile on the handle itself, not a FileStream over it: FileStream asks the handle
            // for its file options and throws for what is not a file (a console under Wine, a
            // missing stderr in a process without a console), which turned every verbose line or
            // `satchel:` message into a crash with a stack trace (found by the Windows tests).
            var handle = GetStdHandleNative(windowsHandle);
            while (offset < bytes.Length)
            {
                if (!WriteFile(handle, bytes.AsSpan(offset), bytes.Length - offset, out var done, IntPtr.Zero) || done <= 0)
                {
                    return; // no stderr, or a broken one: nothing more can be reported
                }

                offset += done;
            }

            return;
        }

        while (offset < bytes.Length)
        {
            var written = Posix.LibC.Write(fd, bytes.AsSpan(offset), bytes.Length - offset);
            if (written <= 0)
            {
                return; // the stream is closed or broken: nothing more can be reported
            }

            offset += (int)written;
        }
    }

    [System.Runtime.InteropServices.LibraryImport("kernel32.dll", EntryPoint = "GetStdHandle")]
    private static partial IntPtr GetStdHandleNative(int handle);

    [System.Runtime.InteropServices.LibraryImport("kernel32.dll", EntryPoint = "WriteFile")]
    [return: System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.Bool)]
    private static partial bool WriteFile(IntPtr handle, ReadOnlySpan<byte> buffer, int count, out int written, IntPtr overlapped);
}
