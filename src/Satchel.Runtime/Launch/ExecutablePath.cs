using System.Text;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Launch;

/// <summary>The real path of the running executable: the app file whose payload the launcher reads.</summary>
internal static class ExecutablePath
{
    private const string Deleted = " (deleted)";

    /// <summary>
    /// The app file the warm-start stub named when it handed over (StubHandover). Otherwise,
    /// on Linux one readlink of /proc/self/exe, which the kernel already gives as a canonical path.
    /// Environment.ProcessPath runs realpath(3) over it: a readlink per path component, six
    /// system calls more on every start.
    /// </summary>
    public static string Current()
    {
        if (StubHandover.AppPath is { } app)
        {
            return app;
        }

        if (OperatingSystem.IsLinux())
        {
            Span<byte> buffer = stackalloc byte[4096];
            var length = LibC.ReadLink("/proc/self/exe", buffer, buffer.Length);
            if (length > 0 && length < buffer.Length)
            {
                var path = Encoding.UTF8.GetString(buffer[..(int)length]);

                // A file replaced or removed since it started reads "PATH (deleted)"; .NET's answer
                // (realpath of the link) is then as good as any.
                if (path[0] == '/' && !path.EndsWith(Deleted, StringComparison.Ordinal))
                {
                    return path;
                }
            }
        }

        return Environment.ProcessPath ?? throw new SatchelException(ExitCodes.Software, "cannot find the path of this executable");
    }
}
