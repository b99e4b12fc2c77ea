namespace Satchel.Testing;

/// <summary>
/// Runs a real interpreter that sees only the given directories and its standard library:
/// -S (no site module, so no host site-packages), -s (no user site), PYTHONPATH set to the
/// directories, and the variables that could smuggle in other paths removed. A test that imports
/// something this way proves the import came from those directories.
/// </summary>
public static class IsolatedPython
{
    public static ProcessResult Run(string interpreter, IEnumerable<string> paths, params string[] args) =>
        ProcessRunner.Run(interpreter, ["-S", "-s", .. args], new Dictionary<string, string?>
        {
            ["PYTHONPATH"] = string.Join(':', paths),
            ["PYTHONHOME"] = null,
            ["PYTHONSTARTUP"] = null,
            ["PYTHONUSERBASE"] = null,
            ["PYTHONDONTWRITEBYTECODE"] = "1",
        });
}
