using System.Globalization;
using System.Text;

namespace Satchel.Build.Wheels;

/// <summary>
/// RECORD files (PEP 376): CSV in the dialect of Python's csv module (comma separated, fields
/// optionally in double quotes with "" for a quote), three fields per line: path, hash, size.
/// </summary>
public static class Pep376Record
{
    /// <summary>
    /// Parses RECORD text. A bad line is reported through <paramref name="malformed"/>, which returns
    /// the exception to throw; it gets the reason and the path the line names, or null when the
    /// line is too broken to name one (the reason then quotes the line).
    /// </summary>
    public static List<RecordEntry> Parse(string text, Func<string, string?, Exception> malformed)
    {
        var entries = new List<RecordEntry>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var fields = SplitCsv(line) ?? throw malformed($"RECORD has a line with an unbalanced quote: '{line}'", null);
            if (fields.Count != 3 || fields[0].Length == 0)
            {
                throw malformed($"RECORD has a line that is not 'path,hash,size': '{line}'", null);
            }

            RecordHash? hash = null;
            if (fields[1].Length > 0)
            {
                hash = RecordHash.TryParse(fields[1], out var problem) ?? throw malformed(problem!, fields[0]);
            }

            long? size = null;
            if (fields[2].Length > 0)
            {
                if (!long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    throw malformed("RECORD has a size that is not a non-negative number", fields[0]);
                }

                size = value;
            }

            entries.Add(new RecordEntry(fields[0], hash, size));
        }

        return entries;
    }

    /// <summary>RECORD text for <paramref name="entries"/>, one line each, quoting paths the way Python's csv writer does.</summary>
    public static string Write(IEnumerable<RecordEntry> entries)
    {
        var sb = new StringBuilder();
        foreach (var entry in entries)
        {
            sb.Append(Quote(entry.Path)).Append(',')
              .Append(entry.Hash?.ToString()).Append(',')
              .Append(entry.Size?.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return sb.ToString();
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static List<string>? SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    current.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return quoted ? null : fields;
    }
}

/// <summary>One line of a RECORD file: a path, its hash and its size (both empty for RECORD itself).</summary>
public sealed record RecordEntry(string Path, RecordHash? Hash, long? Size);
