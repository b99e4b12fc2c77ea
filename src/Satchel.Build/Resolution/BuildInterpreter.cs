using Satchel.Runtime.Interpreters;

namespace Satchel.Build.Resolution;

/// <summary>
/// The Python that resolves and builds an app's dependencies, as probed once: the path it is run
/// by (a venv's python stays the venv's, so the venv applies), what it reports about itself, and
/// the pip it can import, if any.
/// </summary>
public sealed record BuildInterpreter(
    string Path,
    string Executable,
    Version Version,
    string VersionText,
    string Implementation,
    InstalledPip? Pip)
{
    /// <summary>"python 3.11.7 (/path/to/python3.11)", the way messages name an interpreter.</summary>
    public string Describe() => $"python {VersionText} ({Path})";
}

/// <summary>The pip importable by a build interpreter: its version text (parsed as PEP 440; 0 when it is not a version) and package directory.</summary>
public sealed record InstalledPip(string VersionText, PythonVersion Version, string Location);
