using System.Globalization;
using System.Text;

namespace Satchel.Runtime.Tools;

/// <summary>
/// A small streaming JSON writer for the tools' reports. Hand-built rather than System.Text.Json:
/// the same report is printed by the NativeAOT launcher (`SATCHEL_TOOLS=1 ./app info --json`),
/// whose every byte is added to every app. Output is indented with two spaces; strings are
/// escaped per RFC 8259 (quote, backslash and control characters; everything else as UTF-8).
/// </summary>
public sealed class JsonText
{
    private readonly StringBuilder _text = new();
    private readonly Stack<bool> _hasItems = new();

    public JsonText StartObject(string? name = null) => Open(name, '{');

    public JsonText EndObject() => Close('}');

    public JsonText StartArray(string? name = null) => Open(name, '[');

    public JsonText EndArray() => Close(']');

    public JsonText Text(string name, string? value) => Value(name, value is null ? "null" : Quote(value));

    public JsonText Text(string value) => Value(null, Quote(value));

    public JsonText Number(string name, long value) => Value(name, value.ToString(CultureInfo.InvariantCulture));

    public JsonText Bool(string name, bool value) => Value(name, value ? "true" : "false");

    public JsonText Null(string name) => Value(name, "null");

    public override string ToString() => _text.ToString();

    private JsonText Open(string? name, char bracket)
    {
        Prefix(name);
        _text.Append(bracket);
        _hasItems.Push(false);
        return this;
    }

    private JsonText Close(char bracket)
    {
        var hadItems = _hasItems.Pop();
        if (hadItems)
        {
            NewLine();
        }

        _text.Append(bracket);
        return this;
    }

    private JsonText Value(string? name, string literal)
    {
        Prefix(name);
        _text.Append(literal);
        return this;
    }

    /// <summary>The comma, line break and indentation before an item, then its name inside an object.</summary>
    private void Prefix(string? name)
    {
        if (_hasItems.Count > 0)
        {
            if (_hasItems.Pop())
            {
                _text.Append(',');
            }

            _hasItems.Push(true);
            NewLine();
        }

        if (name is not null)
        {
            _text.Append(Quote(name)).Append(": ");
        }

    }

    private void NewLine() => _text.Append('\n').Append(' ', _hasItems.Count * 2);

    public static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 2);
        quoted.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    quoted.Append("\\\"");
                    break;
                case '\\':
                    quoted.Append("\\\\");
                    break;
                case '\n':
                    quoted.Append("\\n");
                    break;
                case '\r':
                    quoted.Append("\\r");
                    break;
                case '\t':
                    quoted.Append("\\t");
                    break;
                case < ' ':
                    quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    quoted.Append(c);
                    break;
            }
        }

        return quoted.Append('"').ToString();
    }
}
