namespace Satchel.Runtime.Interpreters;

/// <summary>
/// A possible interpreter as discovery found it.
/// </summary>
/// <param name="Path">Where it was found (a PATH entry, a pyenv version's bin directory, ...).</param>
/// <param name="Source">How it was found, for listings and errors: "SATCHEL_PYTHON", "PATH", "pyenv shim", "pyenv", "uv", "system".</param>
/// <param name="RealPath">The resolved real path (what is probed, cached and executed); null if it cannot be resolved.</param>
/// <param name="Problem">Why it cannot be used at all ("is not executable"), or null.</param>
public sealed record InterpreterCandidate(string Path, string Source, string? RealPath, string? Problem)
{
    /// <summary>"/usr/bin/python3 (PATH, → /usr/bin/python3.11)".</summary>
    public string Describe() =>
        RealPath is null || RealPath == Path ? $"{Path} ({Source})" : $"{Path} ({Source}, -> {RealPath})";
}
