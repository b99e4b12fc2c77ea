using System.Text;
using Satchel.Runtime.Files;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// The text format of facts and choice files: a first line naming the kind and format version
/// ("satchel-interpreter-facts 1"), then one "key=value" per line, UTF-8, "\n" endings. In values
/// a backslash, a line feed, a carriage return and a NUL are written as \\, \n, \r and \0, so any path fits
/// on one line. Readers ignore keys they do not know, so newer writers can add some.
/// </summary>
internal static class KeyValueRecordFile
{
    public static string Format(string header, IEnumerable<KeyValuePair<string, string>> entries)
    {
        var text = new StringBuilder(header).Append('\n');
        foreach (var (key, value) in entries)
        {
            text.Append(key).Append('=');
            foreach (var c in value)
            {
                _ = c switch
                {
                    '\\' => text.Append(@"\\"),
                    '\n' => text.Append(@"\n"),
                    '\r' => text.Append(@"\r"),
                    '\0' => text.Append(@"\0"),
                    _ => text.Append(c),
                };
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The entries of <paramref name="text"/>; null unless it starts with <paramref name="header"/> and every line is well-formed.</summary>
    public static Dictionary<string, string>? Parse(string text, string header)
    {
        if (!text.StartsWith(header + "\n", StringComparison.Ordinal) || !text.EndsWith('\n'))
        {
            return null;
        }

        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var body = text.AsSpan(header.Length + 1);
        if (body.IsEmpty)
        {
            return entries;
        }

        // Split at '\n' by hand: EnumerateLines also splits at \r, \f and Unicode separators,
        // and its first use builds a SearchValues table (and seeds a random generator from
        // /dev/urandom) on the launcher's warm path.
        for (var rest = body; !rest.IsEmpty;)
        {
            var end = rest.IndexOf('\n');
            var line = rest[..end];
            rest = rest[(end + 1)..];
            var eq = line.IndexOf('=');
            if (eq <= 0 || Unescape(line[(eq + 1)..]) is not { } value)
            {
                return null;
            }

            entries[line[..eq].ToString()] = value;
        }

        return entries;
    }

    /// <summary>Reads and parses a file; null if it is missing, unreadable or malformed.</summary>
    public static Dictionary<string, string>? Read(string path, string header)
    {
        try
        {
            return Parse(Utf8TextFile.ReadAllText(path), header);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? Unescape(ReadOnlySpan<char> escaped)
    {
        var value = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] != '\\')
            {
                value.Append(escaped[i]);
                continue;
            }

            if (++i == escaped.Length)
            {
                return null;
            }

            switch (escaped[i])
            {
                case '\\': value.Append('\\'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case '0': value.Append('\0'); break;
                default: return null;
            }
        }

        return value.ToString();
    }
}
