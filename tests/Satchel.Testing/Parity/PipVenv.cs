namespace Satchel.Testing.Parity;

/// <summary>
/// A virtual environment made the way users make one: the interpreter's `-m venv` (with the pip it
/// bundles) and `pip install --no-index --find-links` of the given requirements. What a Satchel
/// app is compared with.
/// </summary>
public sealed class PipVenv
{
    private PipVenv(string path) => Path = path;

    public string Path { get; }

    public string Bin => System.IO.Path.Combine(Path, "bin");

    public static PipVenv Create(string python, string directory, string findLinks, IEnumerable<string> requirements)
    {
        var env = new Dictionary<string, string?> { ["PIP_CONFIG_FILE"] = "/dev/null", ["PYTHONPATH"] = null, ["PIP_NO_INPUT"] = "1" };
        var made = ProcessRunner.Run(python, ["-m", "venv", directory], env, timeout: TimeSpan.FromMinutes(5));
        if (made.ExitCode != 0)
        {
            throw new InvalidOperationException($"{python} -m venv {directory} failed: {made}");
        }

        var venvPython = System.IO.Path.Combine(directory, "bin", "python");
        var installed = ProcessRunner.Run(venvPython,
            ["-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-index", "--find-links", findLinks, .. requirements],
            env, timeout: TimeSpan.FromMinutes(10));
        if (installed.ExitCode != 0)
        {
            throw new InvalidOperationException($"pip install into {directory} failed: {installed}");
        }

        return new PipVenv(directory);
    }
}
