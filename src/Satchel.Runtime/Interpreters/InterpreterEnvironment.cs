using Satchel.Runtime.Configuration;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// Everything interpreter discovery reads from its surroundings, captured once so that tests can
/// pass their own and so that a cached choice can be keyed by exactly what it depended on.
/// </summary>
/// <param name="SearchPath">PATH.</param>
/// <param name="SatchelPython">SATCHEL_PYTHON: a path (made absolute) or a command name looked up on PATH.</param>
/// <param name="PyenvRoot">PYENV_ROOT, else ~/.pyenv.</param>
/// <param name="PyenvVersion">PYENV_VERSION: the versions pyenv's shims run, before the global version file.</param>
/// <param name="UvPythonRoot">Where uv installs Pythons: UV_PYTHON_INSTALL_DIR, else $XDG_DATA_HOME/uv/python, else ~/.local/share/uv/python.</param>
/// <param name="SystemDirectories">Fixed places, searched after PATH; a "*" in one segment is expanded ("/opt/python*/bin").</param>
public sealed record InterpreterEnvironment(
    string? SearchPath,
    string? SatchelPython,
    string? PyenvRoot,
    string? PyenvVersion,
    string? UvPythonRoot,
    IReadOnlyList<string> SystemDirectories)
{
    public static IReadOnlyList<string> DefaultSystemDirectories { get; } =
        OperatingSystem.IsWindows() ? [] : ["/usr/local/bin", "/usr/bin", "/opt/python*/bin"];

    /// <summary>Every variable <see cref="FromProcess"/> reads: a remembered choice holds while these keep their values.</summary>
    public static IReadOnlyList<string> InputVariables { get; } =
        ["PATH", SatchelVariables.Python, "HOME", "XDG_DATA_HOME", "PYENV_ROOT", "PYENV_VERSION", "UV_PYTHON_INSTALL_DIR"];

    public static InterpreterEnvironment FromProcess() => From(Settings.Text);

    /// <summary>The environment as <paramref name="get"/> gives the variables (an empty value as null), e.g. a build's host.</summary>
    public static InterpreterEnvironment From(Func<string, string?> get)
    {
        var home = get("HOME");
        var satchelPython = get(SatchelVariables.Python);
        if (satchelPython is not null && (satchelPython.Contains('/') || satchelPython.Contains(Path.DirectorySeparatorChar)))
        {
            satchelPython = Path.GetFullPath(satchelPython);
        }

        var dataHome = get("XDG_DATA_HOME") is { } xdg && Path.IsPathRooted(xdg) ? xdg
            : home is null ? null : Path.Combine(home, ".local", "share");
        return new InterpreterEnvironment(
            get("PATH"),
            satchelPython,
            get("PYENV_ROOT") ?? (home is null ? null : Path.Combine(home, ".pyenv")),
            get("PYENV_VERSION"),
            get("UV_PYTHON_INSTALL_DIR") ?? (dataHome is null ? null : Path.Combine(dataHome, "uv", "python")),
            DefaultSystemDirectories);
    }

    /// <summary>One string holding every input, for keying a cached choice (NUL cannot occur in any of them).</summary>
    public string Fingerprint() =>
        string.Join('\0', SearchPath, SatchelPython, PyenvRoot, PyenvVersion, UvPythonRoot, string.Join(':', SystemDirectories));
}
