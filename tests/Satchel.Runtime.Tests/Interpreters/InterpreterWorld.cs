using Satchel.Runtime.Cache;
using Satchel.Runtime.Interpreters;
using Satchel.Testing;

namespace Satchel.Runtime.Tests.Interpreters;

/// <summary>
/// A controlled world for discovery and selection: PATH directories of links to the real
/// interpreters, an optional fake pyenv root whose versions link to them too, a private cache
/// root, and no system directories, so nothing outside the test decides the outcome.
/// </summary>
internal sealed class InterpreterWorld : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-interp");

    public InterpreterWorld()
    {
        Directory.CreateDirectory(_dir.Combine("cache"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Layout = new CacheLayout(_dir.Combine("cache"));
    }

    public CacheLayout Layout { get; }

    public string Combine(params string[] parts) => _dir.Combine(parts);

    /// <summary>A directory for PATH (created empty).</summary>
    public string NewDirectory(string name)
    {
        var path = _dir.Combine(name);
        Directory.CreateDirectory(path);
        return path;
    }

    public string Link(string directory, string name, string target)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.CreateSymbolicLink(path, target);
        return path;
    }

    /// <summary>A script that records each run in <paramref name="log"/>, then becomes <paramref name="target"/>.</summary>
    public string CountingWrapper(string directory, string name, string target, string log) =>
        Script(directory, name, $"#!/bin/sh\necho run >> '{log}'\nexec '{target}' \"$@\"\n");

    /// <summary>A script shaped like the shims `pyenv rehash` writes; if ever run, it leaves a trace in <paramref name="log"/>.</summary>
    public string PyenvShim(string directory, string name, string pyenvRoot, string log) =>
        Script(directory, name,
            "#!/usr/bin/env bash\nset -e\n[ -n \"$PYENV_DEBUG\" ] && set -x\n\nprogram=\"${0##*/}\"\n\n"
            + $"export PYENV_ROOT=\"{pyenvRoot}\"\necho ran >> '{log}'\nexec \"{pyenvRoot}/libexec/pyenv\" exec \"$program\" \"$@\"\n");

    public string Script(string directory, string name, string content)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    /// <summary>A pyenv root whose versions/&lt;v&gt;/bin hold python3 and python3.X links to the real binaries.</summary>
    public string PyenvRoot(params string[] versions)
    {
        var root = _dir.Combine("pyenv");
        foreach (var version in versions)
        {
            var real = RealPythons.Binary(version);
            var bin = Path.Combine(root, "versions", version, "bin");
            Link(bin, Path.GetFileName(real), real);
            Link(bin, "python3", real);
        }

        return root;
    }

    public static InterpreterEnvironment Environment(
        IEnumerable<string> path, string? satchelPython = null, string? pyenvRoot = null, string? pyenvVersion = null) =>
        new(string.Join(':', path), satchelPython, pyenvRoot, pyenvVersion, UvPythonRoot: null, SystemDirectories: []);

    public void Dispose() => _dir.Dispose();
}
