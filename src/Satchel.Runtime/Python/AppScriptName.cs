using System.Text;

namespace Satchel.Runtime.Python;

/// <summary>A file name for a script named after the app: letters, digits, '-', '_' and '.' kept, anything else '_'; never hidden.</summary>
public static class AppScriptName
{
    public static string For(string appName)
    {
        var name = new StringBuilder(appName.Length);
        foreach (var c in appName)
        {
            name.Append(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return name.Length == 0 || name[0] == '.' ? "app" + name : name.ToString();
    }
}
