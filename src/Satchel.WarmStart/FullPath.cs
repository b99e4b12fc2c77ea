using Satchel.WarmStart.Native;

namespace Satchel.WarmStart;

/// <summary>
/// .NET's Path.GetFullPath and Path.Combine on Unix, for the paths the full launcher derives
/// that way (the cache root from SATCHEL_ROOT, the path the user ran): relative paths joined
/// to the working directory, then `.`, `..` and repeated slashes removed, without touching the
/// file system.
/// </summary>
internal static unsafe class FullPath
{
    /// <summary>Path.Combine(a, b) for a relative b: one slash between them.</summary>
    public static byte* Combine(byte* a, byte* b)
    {
        var length = CString.Length(a);
        return length > 0 && a[length - 1] == (byte)'/' ? CString.Concat(a, b) : CString.Concat(a, CString.From("/"), b);
    }

    /// <summary>Path.GetFullPath: null when the working directory cannot be read.</summary>
    public static byte* Of(byte* path)
    {
        if (path[0] == (byte)'/')
        {
            return Normalize(path);
        }

        var cwd = (byte*)LibC.malloc(4096);
        return LibC.getcwd(cwd, 4096) == null ? null : Normalize(Combine(cwd, path));
    }

    /// <summary>Removes `.` and `..` segments and repeated slashes of an absolute path; a trailing slash stays.</summary>
    public static byte* Normalize(byte* path)
    {
        var length = CString.Length(path);
        var result = (byte*)LibC.malloc(length + 2);
        var end = 0;
        result[end++] = (byte)'/';
        var i = 0;
        while (i < length)
        {
            while (i < length && path[i] == (byte)'/')
            {
                i++;
            }

            var start = i;
            while (i < length && path[i] != (byte)'/')
            {
                i++;
            }

            var segment = i - start;
            if (segment == 0 || (segment == 1 && path[start] == (byte)'.'))
            {
                continue;
            }

            if (segment == 2 && path[start] == (byte)'.' && path[start + 1] == (byte)'.')
            {
                // Back to the previous slash (never above the root).
                if (end > 1)
                {
                    end--;
                    while (end > 1 && result[end - 1] != (byte)'/')
                    {
                        end--;
                    }
                }

                continue;
            }

            CString.Copy(result + end, path + start, segment);
            end += segment;
            result[end++] = (byte)'/';
        }

        // A trailing slash only where the input had one (and never strip the root's).
        if (end > 1 && path[length - 1] != (byte)'/')
        {
            end--;
        }

        result[end] = 0;
        return result;
    }
}
