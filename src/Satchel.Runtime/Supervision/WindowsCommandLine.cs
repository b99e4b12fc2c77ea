using System.Text;

namespace Satchel.Runtime.Supervision;

/// <summary>
/// Joins argv into the one command line CreateProcess takes, quoted so that the child's
/// CommandLineToArgvW (and the C runtime) splits it back into exactly the same arguments:
/// backslashes are literal except before a quote, where they are doubled.
/// </summary>
public static class WindowsCommandLine
{
    public static string Join(IReadOnlyList<string> argv)
    {
        var line = new StringBuilder();
        for (var i = 0; i < argv.Count; i++)
        {
            if (i > 0)
            {
                line.Append(' ');
            }

            Append(line, argv[i]);
        }

        return line.ToString();
    }

    private static void Append(StringBuilder line, string arg)
    {
        if (arg.Length > 0 && arg.AsSpan().IndexOfAny(" \t\n\v\"") < 0)
        {
            line.Append(arg);
            return;
        }

        line.Append('"');
        var backslashes = 0;
        foreach (var c in arg)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            // Backslashes before a quote are doubled, and the quote itself escaped.
            line.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes);
            backslashes = 0;
            line.Append(c);
        }

        // Backslashes before the closing quote are doubled so they do not escape it.
        line.Append('\\', backslashes * 2);
        line.Append('"');
    }
}
