using Satchel.Testing;

namespace Satchel.EndToEnd.Tests.Interpreters;

/// <summary>
/// A temp tree for running satchel or a built app where only the test decides which interpreters
/// exist: a PATH of links to real interpreters, a private HOME and cache root, no pyenv or uv
/// root, no SATCHEL_PYTHON unless given. (The system directories, /usr/bin and the like, stay
/// searchable: they are part of what a user's machine has.)
/// </summary>
internal sealed class InterpreterSandbox : IDisposable
{
    public TempDirectory Dir { get; } = new("satchel-interp-e2e");

    /// <summary>A PATH directory with python3.X links to the real interpreters of these versions.</summary>
    public string PathWith(params string[] versions)
    {
        var bin = Dir.Combine("bin-" + string.Join('-', versions));
        Directory.CreateDirectory(bin);
        foreach (var version in versions)
        {
            var real = RealPythons.Binary(version);
            File.CreateSymbolicLink(Path.Combine(bin, Path.GetFileName(real)), real);
        }

        return bin;
    }

    public Dictionary<string, string?> Environment(string path, string? satchelPython = null) => new()
    {
        ["PATH"] = path,
        ["HOME"] = Dir.Combine("home"),
        ["SATCHEL_ROOT"] = Dir.Combine("cache"),
        ["PYENV_ROOT"] = Dir.Combine("no-pyenv"),
        ["PYENV_VERSION"] = null,
        ["XDG_DATA_HOME"] = null,
        ["UV_PYTHON_INSTALL_DIR"] = null,
        ["SATCHEL_PYTHON"] = satchelPython,
    };

    public void Dispose() => Dir.Dispose();
}
