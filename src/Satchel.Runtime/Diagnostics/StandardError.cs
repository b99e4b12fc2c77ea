using System.Text;

namespace Satchel.Runtime.Diagnostics;

/// <summary>
/// Writes whole lines to the process's stderr. On Unix it writes to fd 2 directly: pulling in
/// System.Console would add its terminal and encoding machinery to every app's launcher.
/// </summary>
public static partial class StandardError
{
    public static void WriteLine(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        if (OperatingSystem.IsWindows())
        {
            using var stream = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(GetStdErr(), ownsHandle: false), FileAccess.Write);
            stream.Write(bytes);
            return;
        }

        var offset = 0;
        while (offset < bytes.Length)
        {
            var written = Posix.LibC.Write(2, bytes.AsSpan(offset), bytes.Length - offset);
            if (written <= 0)
            {
                return; // stderr closed or broken: nothing more can be reported
            }

            offset += (int)written;
        }
    }

    [System.Runtime.InteropServices.LibraryImport("kernel32.dll", EntryPoint = "GetStdHandle")]
    private static partial IntPtr GetStdHandleNative(int handle);

    private static IntPtr GetStdErr() => GetStdHandleNative(-12);
}
