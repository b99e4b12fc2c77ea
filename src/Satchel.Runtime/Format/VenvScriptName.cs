namespace Satchel.Runtime.Format;

/// <summary>
/// The name of a script in a venv's bin/ that a header names as the entry (<see cref="PythonEntryKind.VenvScript"/>,
/// <see cref="PythonEntryKind.VenvExecutable"/>): one valid path component, so the launcher can
/// only ever start a file directly inside bin/.
/// </summary>
public static class VenvScriptName
{
    public static void Check(string name)
    {
        EntryPathRules.Check(name);
        if (name.Contains('/'))
        {
            throw new FormatViolationException($"the entry script '{EntryPathRules.Printable(name)}' is not a single file name in the venv's bin/");
        }
    }
}
