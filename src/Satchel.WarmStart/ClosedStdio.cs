using Satchel.WarmStart.Native;

namespace Satchel.WarmStart;

/// <summary>
/// Started with stdin, stdout or stderr closed, the stub would hand those numbers to the files
/// it opens, and the in-use locks it leaves open for the app would become the app's stdout.
/// The app file is the first file the stub opens, so its number tells, at no cost on a normal
/// start, whether one of them is closed. If so it stays where it is as a placeholder (it is
/// close-on-exec), the others are filled with /dev/null close-on-exec, and the stub goes on with
/// a copy above 2: the app (or the full launcher, which does the same, ClosedStdioGuard) gets
/// them closed, as they were given to us.
/// </summary>
internal static unsafe class ClosedStdio
{
    /// <param name="fd">The app file, opened close-on-exec before any other file.</param>
    /// <returns>The descriptor of the app file to use from now on.</returns>
    public static int Guard(int fd)
    {
        if (fd > 2)
        {
            return fd;
        }

        var moved = LibC.fcntl(fd, LibC.FDupfdCloexec, 3);
        if (moved < 0)
        {
            return fd;
        }

        for (var other = fd + 1; other <= 2; other++)
        {
            if (LibC.fcntl(other, LibC.FGetfd, 0) < 0)
            {
                // The lowest free number is this one: every lower one is open or was just filled.
                var placeholder = LibC.open(CString.From("/dev/null"), LibC.O_RDWR | LibC.O_CLOEXEC, 0);
                if (placeholder > 2)
                {
                    LibC.close(placeholder);
                    break;
                }
            }
        }

        return moved;
    }
}
