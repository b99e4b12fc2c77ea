namespace Satchel.Runtime.Python;

/// <summary>
/// The launcher script for a console or GUI entry point, line for line as pip writes it on POSIX
/// (distlib's template): warnings and tracebacks of a Satchel app name the same lines of
/// bin/NAME as in a venv, and the `re` import costs what it costs there. (The "-script.pyw" and
/// ".exe" forms exist only on Windows.)
/// </summary>
public static class ConsoleScript
{
    public static string Render(string module, string attribute, string interpreterPath) =>
        ShebangLine.For(interpreterPath) + Body(module, attribute);

    /// <summary>The script without its interpreter line.</summary>
    public static string Body(string module, string attribute)
    {
        var imported = attribute.Split('.')[0];
        return "# -*- coding: utf-8 -*-\n"
            + "import re\n"
            + "import sys\n"
            + $"from {module} import {imported}\n"
            + "if __name__ == '__main__':\n"
            + "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
            + $"    sys.exit({attribute}())\n";
    }
}
