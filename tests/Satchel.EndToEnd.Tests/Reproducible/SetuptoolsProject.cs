namespace Satchel.EndToEnd.Tests.Reproducible;

/// <summary>A minimal setuptools project (flat layout, one package) for pip to build from a local directory.</summary>
internal static class SetuptoolsProject
{
    /// <summary>Writes the project into <paramref name="root"/>: package <paramref name="package"/> with the given module files, and an optional [project.scripts] line.</summary>
    public static string Write(string root, string name, string version, string dependency, string package, IReadOnlyDictionary<string, string> modules, string? script = null)
    {
        Directory.CreateDirectory(Path.Combine(root, package));
        var scripts = script is null ? string.Empty : $"\n[project.scripts]\n{script}\n";
        File.WriteAllText(Path.Combine(root, "pyproject.toml"), $"""
            [build-system]
            requires = ["setuptools>=61", "wheel"]
            build-backend = "setuptools.build_meta"

            [project]
            name = "{name}"
            version = "{version}"
            dependencies = ["{dependency}"]

            """ + scripts);
        foreach (var (module, text) in modules)
        {
            File.WriteAllText(Path.Combine(root, package, module), text);
        }

        return root;
    }
}
