namespace Satchel.Runtime.Python;

/// <summary>
/// The launcher script for a console or GUI entry point, as pip writes it on POSIX: import the
/// callable and exit with what it returns. (The "-script.pyw" and ".exe" forms exist only on Windows.)
/// </summary>
public static class ConsoleScript
{
    public static string Render(string module, string attribute, string interpreterPath)
    {
        var imported = attribute.Split('.')[0];
        return ShebangLine.For(interpreterPath)
            + "# -*- coding: utf-8 -*-\n"
            + "import sys\n"
            + $"from {module} import {imported}\n"
            + "if __name__ == \"__main__\":\n"
            + $"    sys.exit({attribute}())\n";
    }
}
