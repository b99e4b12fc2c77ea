using System.Text.RegularExpressions;
using Satchel.Runtime.Format;

namespace Satchel.Build.Wheels;

/// <summary>
/// Reads the script groups of entry_points.txt (an INI file). Only console_scripts and
/// gui_scripts become files, so only they are checked strictly: a script name must be a plain
/// file name and the value must be "module:attr"; other groups belong to the app's plugins and
/// are left alone.
/// </summary>
public static partial class EntryPointsFile
{
    [GeneratedRegex(@"^(?<module>\w+(\.\w+)*)\s*:\s*(?<attr>\w+(\.\w+)*)\s*(\[(?<extras>[^\]]*)\])?\s*$")]
    private static partial Regex ScriptValue();

    public static List<EntryPoint> ParseScripts(string wheelPath, string member, string text)
    {
        var scripts = new List<EntryPoint>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        string? group = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                group = line[1..^1].Trim();
                continue;
            }

            if (group is not (EntryPoint.ConsoleScripts or EntryPoint.GuiScripts))
            {
                continue;
            }

            scripts.Add(ParseScript(wheelPath, member, group, line, names));
        }

        return scripts;
    }

    private static EntryPoint ParseScript(string wheelPath, string member, string group, string line, HashSet<string> names)
    {
        var equals = line.IndexOf('=', StringComparison.Ordinal);
        var name = equals > 0 ? line[..equals].Trim() : string.Empty;
        var match = equals > 0 ? ScriptValue().Match(line[(equals + 1)..].Trim()) : null;
        if (match is not { Success: true })
        {
            throw new InvalidWheelException(wheelPath, $"entry_points.txt [{group}] has a line that is not 'name = module:attr': '{line}'", member);
        }

        if (name.Length == 0 || name is "." or ".." || name.AsSpan().IndexOfAny("/\\\0") >= 0 || name.Any(char.IsControl))
        {
            throw new InvalidWheelException(wheelPath, $"entry_points.txt [{group}] names a script '{EntryPathRules.Printable(name)}' that is not a plain file name", member);
        }

        if (!names.Add(name))
        {
            throw new InvalidWheelException(wheelPath, $"entry_points.txt defines script '{name}' twice", member);
        }

        var extras = match.Groups["extras"].Success
            ? match.Groups["extras"].Value.Split(',').Select(e => e.Trim()).Where(e => e.Length > 0).ToArray()
            : [];
        return new EntryPoint(group, name, match.Groups["module"].Value, match.Groups["attr"].Value, extras);
    }
}
