namespace Satchel.Testing;

/// <summary>
/// The real interpreters pyenv installed on the test machine ($PYENV_ROOT/versions/&lt;v&gt;/bin),
/// never the pyenv shims on PATH. A missing one fails the test that needs it, loudly.
/// </summary>
public static class RealPythons
{
    public static string Root => Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } root
        ? root
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");

    public static string[] Versions { get; } = ["3.6.15", "3.7.16", "3.8.18", "3.9.18", "3.10.13", "3.11.7", "3.12.1", "3.13.0"];

    /// <summary>bin/python3.X of a full version such as "3.12.1" (bin/python2.7 for 2.7).</summary>
    public static string Binary(string version)
    {
        var majorMinor = string.Join('.', version.Split('.').Take(2));
        var path = Path.Combine(Root, "versions", version, "bin", $"python{majorMinor}");
        return File.Exists(path) ? path : throw new FileNotFoundException($"the tests need a real Python {version} at {path}");
    }

    public static string Python27 => Binary("2.7.18");

    public static string Python39 => Binary("3.9.18");

    public static string Python310 => Binary("3.10.13");

    public static string Python311 => Binary("3.11.7");

    public static string Python312 => Binary("3.12.1");

    public static string Python313 => Binary("3.13.0");
}
