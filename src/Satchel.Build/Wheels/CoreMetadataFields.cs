namespace Satchel.Build.Wheels;

/// <summary>
/// The "Key: value" header block that WHEEL and METADATA share (the email message format of the
/// core metadata spec): keys are case-insensitive and may repeat, a line starting with
/// whitespace continues the previous value, and the first empty line ends the headers (METADATA
/// puts the long description after it).
/// </summary>
public sealed class CoreMetadataFields
{
    private readonly List<KeyValuePair<string, string>> _fields;

    private CoreMetadataFields(List<KeyValuePair<string, string>> fields) => _fields = fields;

    /// <summary>The first value of <paramref name="key"/>, or null.</summary>
    public string? this[string key] => All(key).FirstOrDefault();

    public IEnumerable<string> All(string key) =>
        _fields.Where(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase)).Select(f => f.Value);

    /// <summary>Parses the header block, calling <paramref name="malformedLine"/> for a line that is neither a field nor a continuation.</summary>
    public static CoreMetadataFields Parse(string text, Action<string> malformedLine)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                break;
            }

            if (char.IsWhiteSpace(line[0]) && fields.Count > 0)
            {
                var last = fields[^1];
                fields[^1] = new(last.Key, last.Value + "\n" + line.Trim());
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                malformedLine(line);
                continue;
            }

            fields.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        return new CoreMetadataFields(fields);
    }
}
