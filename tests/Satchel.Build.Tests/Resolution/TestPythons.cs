namespace Satchel.Build.Tests.Resolution;

/// <summary>The machine's real interpreters (pyenv builds) and the wheels that ship with them.</summary>
internal static class TestPythons
{
    public static string PyenvRoot =>
        Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");

    /// <summary>The real binary of an installed minor version, e.g. "3.11" → …/versions/3.11.7/bin/python3.11.</summary>
    public static string Binary(string minor) => Path.Combine(VersionDirectory(minor), "bin", "python" + minor);

    public static string VersionDirectory(string minor)
    {
        var versions = Path.Combine(PyenvRoot, "versions");
        return Directory.Exists(versions)
            ? Directory.EnumerateDirectories(versions, minor + ".*").Order(StringComparer.Ordinal).LastOrDefault()
                ?? throw new InvalidOperationException($"Python {minor} is not installed under {versions}; the resolution tests need pyenv's {minor}")
            : throw new InvalidOperationException($"{versions} does not exist; the resolution tests need pyenv's interpreters");
    }

    /// <summary>A wheel from Python 3.11's ensurepip/_bundled, e.g. "setuptools" or "pip".</summary>
    public static string BundledWheel(string project)
    {
        var bundled = Path.Combine(VersionDirectory("3.11"), "lib", "python3.11", "ensurepip", "_bundled");
        return Directory.EnumerateFiles(bundled, project + "-*.whl").Single();
    }

    /// <summary>A wheel from Debian's python3-*-whl packages in /usr/share/python-wheels.</summary>
    public static string DebianWheel(string project) =>
        Directory.Exists("/usr/share/python-wheels")
        && Directory.EnumerateFiles("/usr/share/python-wheels", project + "-*.whl").SingleOrDefault() is { } wheel
            ? wheel
            : throw new InvalidOperationException($"no {project} wheel in /usr/share/python-wheels; apt-get install python3-{project}-whl");

    /// <summary>A find-links folder with setuptools and wheel for pip's build isolation (see <see cref="Satchel.Testing.Wheels.BuildBackendWheels"/>).</summary>
    public static string BootstrapFindLinks(string directory) => Satchel.Testing.Wheels.BuildBackendWheels.FindLinks(directory);
}
