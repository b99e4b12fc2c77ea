namespace Satchel.Testing.Wheels;

/// <summary>
/// What pip's build isolation needs offline to build a setuptools project: setuptools 65.5.0
/// (Python 3.11's own ensurepip wheel) and wheel 0.38.4 (Debian's python3-wheel-whl). Debian's
/// own setuptools wheel is patched for Debian's Python and does not work here.
/// </summary>
public static class BuildBackendWheels
{
    /// <summary>Fills <paramref name="directory"/> (created) with both wheels; returns it, for --find-links.</summary>
    public static string FindLinks(string directory)
    {
        Directory.CreateDirectory(directory);
        var bundled = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(RealPythons.Python311)!)!, "lib", "python3.11", "ensurepip", "_bundled");
        var setuptools = Directory.EnumerateFiles(bundled, "setuptools-*.whl").Single();
        var wheel = Directory.Exists("/usr/share/python-wheels")
            && Directory.EnumerateFiles("/usr/share/python-wheels", "wheel-*.whl").SingleOrDefault() is { } found
                ? found
                : throw new InvalidOperationException("no wheel-*.whl in /usr/share/python-wheels; apt-get install python3-wheel-whl");
        foreach (var file in new[] { setuptools, wheel })
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        return directory;
    }
}
