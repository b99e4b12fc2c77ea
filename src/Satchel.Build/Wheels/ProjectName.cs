using System.Text;

namespace Satchel.Build.Wheels;

/// <summary>
/// Project names as the packaging specs compare them: PEP 503 normalisation (runs of '-', '_'
/// and '.' become one '-', lower case), and the PEP 427 escaped form used in file and
/// directory names (the same runs become one '_').
/// </summary>
public static class ProjectName
{
    /// <summary>The PEP 503 form: "Foo.Bar__baz" → "foo-bar-baz".</summary>
    public static string Normalize(string name) => Collapse(name, '-');

    /// <summary>The form used in wheel file names and .dist-info directories: "Foo.Bar-baz" → "foo_bar_baz".</summary>
    public static string Escape(string name) => Collapse(name, '_');

    private static string Collapse(string name, char separator)
    {
        var sb = new StringBuilder(name.Length);
        var pendingSeparator = false;
        foreach (var c in name)
        {
            if (c is '-' or '_' or '.')
            {
                pendingSeparator = true;
                continue;
            }

            if (pendingSeparator && sb.Length > 0)
            {
                sb.Append(separator);
            }

            pendingSeparator = false;
            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
