using System.Text;

namespace Satchel.Runtime.Python;

/// <summary>
/// Executable scripts for a venv's bin/: console scripts from entry points, and wheel scripts
/// whose `#!python` line must name the venv's interpreter. Long or spaced interpreter paths get
/// the /bin/sh trampoline pip uses, since the kernel truncates a '#!' line at 127 bytes on older
/// systems and cannot quote spaces.
/// </summary>
public static class ScriptWriter
{
    private const int MaxShebang = 127;

    public static string Shebang(string python) =>
        python.Length + 2 <= MaxShebang && !python.Contains(' ')
            ? $"#!{python}\n"
            : $"#!/bin/sh\n'''exec' \"{python}\" \"$0\" \"$@\"\n' '''\n";

    public static string ConsoleScript(string python, ScriptEntryPoint entry)
    {
        var text = new StringBuilder(Shebang(python));
        text.Append("# -*- coding: utf-8 -*-\nimport re\nimport sys\n");
        if (entry.Attribute.Length == 0)
        {
            text.Append($"import {entry.Module}\n");
            return text.ToString();
        }

        var head = entry.Attribute.Split('.')[0];
        text.Append($"from {entry.Module} import {head}\n");
        text.Append("if __name__ == '__main__':\n");
        text.Append("    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n");
        text.Append($"    sys.exit({entry.Attribute}())\n");
        return text.ToString();
    }

    /// <summary>A wheel's script with its `#!python` / `#!pythonw` first line pointed at the venv; other scripts unchanged.</summary>
    public static byte[] RewriteShebang(byte[] script, string python)
    {
        var newline = Array.IndexOf(script, (byte)'\n');
        var first = Encoding.UTF8.GetString(script, 0, newline < 0 ? script.Length : newline).TrimEnd('\r');
        if (first is not ("#!python" or "#!pythonw") && !first.StartsWith("#!python ", StringComparison.Ordinal))
        {
            return script;
        }

        var rest = newline < 0 ? [] : script.AsSpan(newline + 1).ToArray();
        return [.. Encoding.UTF8.GetBytes(Shebang(python)), .. rest];
    }

    public static void Write(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        using var stream = new FileStream(path, options);
        stream.Write(content);
    }
}
