using System.Runtime.InteropServices;

namespace Satchel.Runtime.Posix;

/// <summary>
/// A process started with stdin, stdout or stderr closed would hand those numbers to the next
/// files it opens: an inherited in-use lock would become the app's stdout, and a line meant for
/// stderr would land in a file being extracted or written. Each closed one is filled with
/// /dev/null opened close-on-exec, so nothing of ours can take it and the program we exec gets
/// it closed, as it was given to us (docs/launcher.md, "Closed standard streams").
/// </summary>
public static class ClosedStdioGuard
{
    public static void Fill()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        for (var fd = 0; fd <= 2; fd++)
        {
            if (LibC.Fcntl(fd, LibC.F_GETFD, 0) >= 0 || Marshal.GetLastPInvokeError() != LibC.EBADF)
            {
                continue;
            }

            // The lowest free number is this one: every lower one is open or was just filled.
            var placeholder = LibC.Open("/dev/null", LibC.O_RDWR | LibC.O_CLOEXEC, 0);
            if (placeholder > 2)
            {
                LibC.Close(placeholder);
                return;
            }
        }
    }
}
