using System.Text;
using Satchel.Runtime.Errors;

namespace Satchel.Runtime.Python;

/// <summary>
/// The first line(s) of a script that must run under a given interpreter. The kernel reads at
/// most 127 bytes of a "#!" line on older Linux and splits it at whitespace, and cache paths can
/// be long or contain spaces; in those cases the script starts as a /bin/sh script that execs the
/// interpreter on itself, written so that Python reads the sh lines as one string literal.
/// </summary>
public static class ShebangLine
{
    /// <summary>The longest "#!" line every Linux kernel passes on whole (BINPRM_BUF_SIZE was 128 before 5.1).</summary>
    public const int MaxDirectBytes = 127;

    /// <summary>The script header, ending with a newline.</summary>
    public static string For(string interpreterPath)
    {
        if (!interpreterPath.StartsWith('/'))
        {
            throw new ArgumentException($"the interpreter path must be absolute: {interpreterPath}", nameof(interpreterPath));
        }

        if (interpreterPath.AsSpan().IndexOfAny("\n\r\0") >= 0)
        {
            throw Unusable(interpreterPath, "a line break or NUL");
        }

        var direct = "#!" + interpreterPath;
        if (Encoding.UTF8.GetByteCount(direct) <= MaxDirectBytes && !ContainsWhiteSpace(interpreterPath))
        {
            return direct + "\n";
        }

        // In sh: ''  'exec' → exec '<path>' "$0" "$@". In Python: a triple-quoted string that ends
        // on the third line. A quote or backslash in the path would break one reading or the other.
        if (interpreterPath.AsSpan().IndexOfAny("'\\") >= 0)
        {
            throw Unusable(interpreterPath, "a quote or backslash and is too long or spaced for a '#!' line");
        }

        return $"#!/bin/sh\n'''exec' '{interpreterPath}' \"$0\" \"$@\"\n' '''\n";
    }

    private static bool ContainsWhiteSpace(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    private static SatchelException Unusable(string path, string what) =>
        new(ExitCodes.CantCreate,
            $"cannot write scripts for interpreter {path}: its path contains {what}; use a cache or venv location without such characters (e.g. set SATCHEL_ROOT)");
}
