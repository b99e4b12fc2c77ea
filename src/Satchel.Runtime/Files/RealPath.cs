using System.Runtime.InteropServices;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Files;

/// <summary>realpath(3): every link and every "." and ".." of a path resolved, without throwing.</summary>
public static class RealPath
{
    /// <summary>The real path of <paramref name="path"/>; null when a component is missing or a link dangles.</summary>
    public static string? TryResolve(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var info = new FileInfo(path);
            return info.Exists ? info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName : null;
        }

        var resolved = LibC.RealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            LibC.Free(resolved);
        }
    }
}
