using System.Text;

namespace Satchel.Runtime.Python;

/// <summary>
/// Scripts in a wheel's .data/scripts that start with "#!python" (or "#!pythonw") are meant to run
/// under whatever interpreter installs them (PEP 427). A wheel unit is shared by every interpreter,
/// so the line is kept in the unit and replaced when a venv is assembled. Like pip, the whole first
/// line is replaced: arguments after "#!python" are not carried over.
/// </summary>
public static class PythonShebang
{
    private static readonly byte[] Marker = "#!python"u8.ToArray();

    public static bool IsPresent(ReadOnlySpan<byte> scriptStart) => scriptStart.StartsWith(Marker);

    /// <summary>The script with its first line replaced by a header for <paramref name="interpreterPath"/>; unchanged if it has no "#!python" line.</summary>
    public static byte[] Rewrite(ReadOnlySpan<byte> script, string interpreterPath)
    {
        if (!IsPresent(script))
        {
            return script.ToArray();
        }

        var newline = script.IndexOf((byte)'\n');
        var rest = newline < 0 ? [] : script[(newline + 1)..];
        var header = Encoding.UTF8.GetBytes(ShebangLine.For(interpreterPath));
        return [.. header, .. rest];
    }
}
