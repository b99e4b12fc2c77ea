using System.Text;

namespace Satchel.Runtime.Python;

/// <summary>
/// The text of the `.pth` file that puts an app's unit directories on sys.path, in order.
/// A directory is a plain line, which Python's site module appends after one existence check (a
/// path site would misread is appended by a one-line statement instead); only a directory that
/// holds `.pth` files of its own (setuptools' distutils-precedence.pth,
/// old namespace packages) gets an `import site; site.addsitedir(...)` line, after all plain
/// lines, so its `.pth` files run as they would in one shared site-packages. The former form,
/// addsitedir for every directory, compiled and ran Python code and listed every unit directory,
/// twice per start (site processes a venv's site-packages twice): ~0.5 ms of a hello-world's start.
/// </summary>
public static class SitePathFile
{
    public static string Render(IEnumerable<string> directories)
    {
        var plain = new StringBuilder();
        var executed = new StringBuilder();
        foreach (var dir in directories)
        {
            if (IsPlainLineSafe(dir))
            {
                plain.Append(dir).Append('\n');
            }
            else
            {
                // Lines run in order, so the directory keeps its place among the plain ones; the
                // check is there because site reads a venv's .pth files twice (Python 3.11 at least:
                // once for the venv, once for its prefix), and a plain line is deduplicated by site.
                var literal = PythonLiteral.Of(dir);
                plain.Append("import sys; ").Append(literal).Append(" in sys.path or sys.path.append(").Append(literal).Append(")\n");
            }

            if (HoldsPthFiles(dir))
            {
                executed.Append("import site; site.addsitedir(").Append(PythonLiteral.Of(dir)).Append(")\n");
            }
        }

        return plain.Append(executed).ToString();
    }

    /// <summary>
    /// Whether site reads the line back as this path: it skips comments and blank lines, runs
    /// lines starting with "import", strips trailing whitespace, and decodes the file with the
    /// locale's encoding before Python 3.13 (so only ASCII is read back the same everywhere).
    /// </summary>
    internal static bool IsPlainLineSafe(string dir)
    {
        if (dir.Length == 0 || dir[0] == '#' || char.IsWhiteSpace(dir[^1])
            || dir.StartsWith("import ", StringComparison.Ordinal) || dir.StartsWith("import\t", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in dir)
        {
            if (c < 0x20 || c > 0x7E)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What site.addsitedir would process in <paramref name="dir"/>: `*.pth` names not starting with a dot.</summary>
    private static bool HoldsPthFiles(string dir)
    {
        if (!Directory.Exists(dir))
        {
            return false;
        }

        foreach (var file in Directory.EnumerateFiles(dir, "*.pth"))
        {
            if (!Path.GetFileName(file).StartsWith('.'))
            {
                return true;
            }
        }

        return false;
    }
}
