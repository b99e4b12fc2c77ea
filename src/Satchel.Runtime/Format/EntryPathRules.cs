using System.Text;

namespace Satchel.Runtime.Format;

/// <summary>
/// What a path inside a unit may look like: relative, '/'-separated, no empty, '.' or '..'
/// components, no NUL or backslash, no drive letters. Applied by the writer and again by every
/// reader, because an index is untrusted input.
/// </summary>
public static class EntryPathRules
{
    public static void Check(string path)
    {
        if (path.Length == 0)
        {
            throw new FormatViolationException("an entry has an empty path");
        }

        if (Encoding.UTF8.GetByteCount(path) > FormatLimits.MaxPathBytes)
        {
            throw new FormatViolationException($"an entry path is longer than {FormatLimits.MaxPathBytes} bytes");
        }

        if (path[0] == '/' || path.Contains('\\') || path.Contains('\0') || (path.Length >= 2 && path[1] == ':'))
        {
            throw new FormatViolationException($"entry path '{Printable(path)}' is absolute or has a forbidden character");
        }

        // Walked as spans: this runs once per entry of every index read, and Split would
        // allocate every component of every path.
        var rest = path.AsSpan();
        while (true)
        {
            var slash = rest.IndexOf('/');
            var part = slash < 0 ? rest : rest[..slash];
            if (part.Length == 0 || part is "." || part is "..")
            {
                throw new FormatViolationException($"entry path '{Printable(path)}' has an empty, '.' or '..' component");
            }

            if (slash < 0)
            {
                break;
            }

            rest = rest[(slash + 1)..];
        }
    }

    /// <summary>The parent path of an entry, or "" for a top-level entry.</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }

    /// <summary>A path with control characters escaped, safe to print in an error line.</summary>
    public static string Printable(string path)
    {
        var sb = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (char.IsControl(c))
            {
                sb.Append("\\x").Append(((int)c).ToString("x2"));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
