using System.Globalization;
using Satchel.Runtime.Format;

namespace Satchel.Runtime.Python;

/// <summary>
/// A script entry point from entry_points.txt: <c>name = module:attr [extra, …]</c>. The attribute
/// may be dotted ("cli.main"), in which case its first part is what gets imported.
/// </summary>
/// <param name="Group">"console_scripts" or "gui_scripts".</param>
/// <param name="Name">The script's file name.</param>
/// <param name="Module">The dotted module to import.</param>
/// <param name="Attribute">The (possibly dotted) callable inside <paramref name="Module"/>.</param>
/// <param name="Extras">Extras named in brackets; they do not change the script.</param>
public sealed record EntryPoint(string Group, string Name, string Module, string Attribute, IReadOnlyList<string> Extras)
{
    public const string ConsoleScripts = "console_scripts";
    public const string GuiScripts = "gui_scripts";

    public override string ToString() => $"{Name} = {Module}:{Attribute}";
}

/// <summary>
/// The one reader of entry_points.txt (an INI file), for the build (a wheel's, a `--sources`
/// dist-info's) and the launcher (venv assembly) alike. Only console_scripts and gui_scripts
/// become files, so only they are checked, strictly: a script name must be a plain file name,
/// defined once, and the value must be "module:attr" with dotted identifiers (as uv and pip's
/// script maker require); other groups belong to the app's plugins and are left alone. Written
/// without regular expressions: the launcher runs it, and the regex engine would add to every app.
/// </summary>
public static class EntryPointsFile
{
    /// <summary>The script entry points of <paramref name="text"/>; <see cref="FormatViolationException"/> names the first line that breaks the rules.</summary>
    public static List<EntryPoint> ParseScripts(string text)
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

            var script = ParseScript(group, line);
            if (!names.Add(script.Name))
            {
                throw new FormatViolationException($"entry_points.txt defines script '{script.Name}' twice");
            }

            scripts.Add(script);
        }

        return scripts;
    }

    private static EntryPoint ParseScript(string group, string line)
    {
        var equals = line.IndexOf('=', StringComparison.Ordinal);
        var name = equals > 0 ? line[..equals].Trim() : string.Empty;
        if (equals <= 0 || !TryParseValue(line[(equals + 1)..].Trim(), out var module, out var attribute, out var extras))
        {
            throw new FormatViolationException($"entry_points.txt [{group}] has a line that is not 'name = module:attr': '{EntryPathRules.Printable(line)}'");
        }

        if (name.Length == 0 || name is "." or ".." || name.AsSpan().IndexOfAny("/\\\0") >= 0 || HasControlCharacter(name))
        {
            throw new FormatViolationException($"entry_points.txt [{group}] names a script '{EntryPathRules.Printable(name)}' that is not a plain file name");
        }

        return new EntryPoint(group, name, module, attribute, extras);
    }

    /// <summary>`module:attr [extras]`, each side dotted words, spaces allowed around the colon and before the brackets.</summary>
    private static bool TryParseValue(string value, out string module, out string attribute, out string[] extras)
    {
        module = attribute = string.Empty;
        extras = [];
        var bracket = value.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            var close = value.IndexOf(']', bracket);
            if (close < 0 || value[(close + 1)..].Trim().Length > 0)
            {
                return false;
            }

            extras = value[(bracket + 1)..close].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            value = value[..bracket];
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        module = value[..colon].Trim();
        attribute = value[(colon + 1)..].Trim();
        return IsDottedName(module) && IsDottedName(attribute);
    }

    private static bool HasControlCharacter(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One or more runs of word characters (<c>\w</c>: letters, combining marks, digits, connectors) joined by single dots.</summary>
    private static bool IsDottedName(string text)
    {
        var afterDot = true;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (afterDot)
                {
                    return false;
                }

                afterDot = true;
            }
            else if (IsWordCharacter(c))
            {
                afterDot = false;
            }
            else
            {
                return false;
            }
        }

        return !afterDot;
    }

    private static bool IsWordCharacter(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation => true,
        _ => false,
    };
}
