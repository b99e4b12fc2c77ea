namespace Satchel.Testing.Wheels;

/// <summary>
/// An .egg-info's requires.txt as the Requires-Dist lines of a wheel's METADATA (what setuptools'
/// egg2dist does): requirements before any section are unconditional, `[extra]` adds
/// `extra == "extra"`, `[:marker]` the marker, `[extra:marker]` both. PKG-INFO of an .egg-info
/// leaves requirements out, so without this a re-packed wheel would claim to need nothing.
/// </summary>
public static class EggInfoRequirements
{
    public static IReadOnlyList<string> ToRequiresDist(string requiresTxt)
    {
        var lines = new List<string>();
        string? condition = null;
        foreach (var raw in requiresTxt.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                condition = Condition(line[1..^1]);
                continue;
            }

            var (requirement, marker) = line.IndexOf(';', StringComparison.Ordinal) is var semicolon and >= 0
                ? (line[..semicolon].Trim(), line[(semicolon + 1)..].Trim())
                : (line, null);
            var all = new[] { marker, condition }.Where(m => m is not null).ToArray();
            lines.Add(all.Length switch
            {
                0 => requirement,
                1 => $"{requirement}; {all[0]}",
                _ => $"{requirement}; ({all[0]}) and {all[1]}",
            });
        }

        return lines;
    }

    private static string? Condition(string section)
    {
        var colon = section.IndexOf(':', StringComparison.Ordinal);
        var extra = colon < 0 ? section : section[..colon];
        var marker = colon < 0 ? null : section[(colon + 1)..].Trim();
        var extraMarker = extra.Length == 0 ? null : $"extra == \"{extra}\"";
        return (marker, extraMarker) switch
        {
            (null or "", null) => null,
            (null or "", _) => extraMarker,
            (_, null) => marker,
            _ => $"({marker}) and {extraMarker}",
        };
    }
}
