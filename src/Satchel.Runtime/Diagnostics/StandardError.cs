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
        if (OperatingSystem.IsWindows())
        {
            using var stream = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(GetStdHandleNative(windowsHandle), ownsHandle: false), FileAccess.Write);
            stream.Write(bytes);
            return;
        }

        var offset = 0;
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
}
