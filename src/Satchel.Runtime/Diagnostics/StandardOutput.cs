namespace Satchel.Runtime.Diagnostics;

/// <summary>Writes text to the process's stdout without System.Console (see <see cref="StandardError"/>): the launcher's tools print through it.</summary>
public static class StandardOutput
{
    public static void Write(string text) => StandardError.Write(1, -11, text);
}
