using System.Globalization;
using System.Text;

namespace Satchel.Build.Locking;

/// <summary>
/// Writes the small subset of TOML a lock file needs: tables and arrays of tables by header,
/// keys with string, integer and string-array values, and inline tables of strings. Strings are
/// basic strings with every control character escaped, so any text round-trips through a TOML
/// parser. Output uses "\n" line ends on every platform: the same lock has the same bytes.
/// </summary>
public sealed class TomlWriter
{
    private readonly StringBuilder _text = new();

    public void Comment(string text) => _text.Append("# ").Append(text).Append('\n');

    public void BlankLine() => _text.Append('\n');

    /// <summary>A "[name]" header; <paramref name="name"/> is a dotted key, each part quoted as needed.</summary>
    public void Table(params string[] name) => _text.Append('[').Append(DottedKey(name)).Append("]\n");

    /// <summary>A "[[name]]" header: a new element of an array of tables.</summary>
    public void ArrayTable(params string[] name) => _text.Append("[[").Append(DottedKey(name)).Append("]]\n");

    public void Value(string key, string value) => Line(key, Quote(value));

    public void Value(string key, long value) => Line(key, value.ToString(CultureInfo.InvariantCulture));

    public void Value(string key, IEnumerable<string> values) => Line(key, "[" + string.Join(", ", values.Select(Quote)) + "]");

    /// <summary>An inline table of strings, in the order given: key = { a = "x", b = "y" }.</summary>
    public void InlineTable(string key, IEnumerable<KeyValuePair<string, string>> values) =>
        Line(key, "{ " + string.Join(", ", values.Select(p => $"{Key(p.Key)} = {Quote(p.Value)}")) + " }");

    public override string ToString() => _text.ToString();

    private void Line(string key, string value) => _text.Append(Key(key)).Append(" = ").Append(value).Append('\n');

    private static string DottedKey(string[] parts) => string.Join('.', parts.Select(Key));

    /// <summary>A bare key when TOML allows one (A-Za-z0-9_-), else a quoted key.</summary>
    public static string Key(string key) =>
        key.Length > 0 && key.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-') ? key : Quote(key);

    /// <summary>A TOML basic string.</summary>
    public static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\t': quoted.Append("\\t"); break;
                case '\r': quoted.Append("\\r"); break;
                default:
                    if (c < 0x20 || c == 0x7f)
                    {
                        quoted.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                    }
                    else
                    {
                        quoted.Append(c);
                    }

                    break;
            }
        }

        return quoted.Append('"').ToString();
    }
}
