using System.Text;
using Satchel.Testing.Wheels;

namespace Satchel.Testing.PackageIndex;

/// <summary>
/// Small pure-Python wheels for resolution tests: a package with an __init__.py and METADATA that
/// declares dependencies (Requires-Dist) and Requires-Python. Built by <see cref="WheelBuilder"/>,
/// so the bytes are deterministic.
/// </summary>
public static class CraftedWheel
{
    /// <summary>Writes name-version-py3-none-any.whl into the directory and returns its path.</summary>
    public static string Write(string directory, string name, string version, IEnumerable<string>? requires = null, string? requiresPython = null)
    {
        var metadata = new StringBuilder($"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n");
        foreach (var requirement in requires ?? [])
        {
            metadata.Append($"Requires-Dist: {requirement}\n");
        }

        if (requiresPython is not null)
        {
            metadata.Append($"Requires-Python: {requiresPython}\n");
        }

        return new WheelBuilder(name, version)
            .AddFile($"{WheelBuilder.EscapeName(name)}/__init__.py", $"__version__ = \"{version}\"\n")
            .AddDistInfoFile("METADATA", metadata.ToString())
            .Build(directory);
    }
}
