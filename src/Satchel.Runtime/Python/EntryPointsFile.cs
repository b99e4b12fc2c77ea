namespace Satchel.Runtime.Python;

/// <summary>One console or GUI script declared by a distribution: `name = module:attr [extras]`.</summary>
public sealed record ScriptEntryPoint(string Name, string Module, string Attribute, bool Gui);

/// <summary>Reads the `[console_scripts]` and `[gui_scripts]` sections of a dist-info's entry_points.txt.</summary>
public static class EntryPointsFile
{
    public static List<ScriptEntryPoint> Parse(string text)
    {
        var result = new List<ScriptEntryPoint>();
        string? section = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1].Trim();
                continue;
            }

            if (section is not ("console_scripts" or "gui_scripts"))
            {
                continue;
            }

            var eq = line.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            var name = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            var bracket = value.IndexOf('[');
            if (bracket >= 0)
            {
                value = value[..bracket].Trim();
            }

            var colon = value.IndexOf(':');
            var module = colon < 0 ? value : value[..colon].Trim();
            var attribute = colon < 0 ? string.Empty : value[(colon + 1)..].Trim();
            if (name.Length > 0 && module.Length > 0 && !name.Contains('/') && !name.Contains('\0'))
            {
                result.Add(new ScriptEntryPoint(name, module, attribute, section == "gui_scripts"));
            }
        }

        return result;
    }
}
