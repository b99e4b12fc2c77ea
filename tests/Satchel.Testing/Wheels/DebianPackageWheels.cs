using System.Text;

namespace Satchel.Testing.Wheels;

/// <summary>
/// Real wheels for tests, re-packed from Debian's python3-* packages (one .deb, one distribution),
/// for distributions the pyenv interpreter does not have. Unlike <see cref="InstalledDistributionWheels"/>
/// this cannot ask importlib.metadata for a RECORD: many Debian packages ship an .egg-info without
/// one. The deb's own file list is the distribution's instead: every file under
/// usr/lib/python3/dist-packages goes back into the wheel (bytecode left out), with a fresh
/// WHEEL and RECORD; METADATA is the .dist-info's, or the .egg-info's PKG-INFO with its
/// requires.txt as Requires-Dist lines; entry_points.txt and top_level.txt are kept. Console
/// scripts in usr/bin come back from entry_points.txt; other Python scripts there go to
/// .data/scripts with their "#!python" line restored. What Debian adds under usr/share (changelogs,
/// copyright, man pages) is packaging, not the distribution, and is left out. Only pure packages
/// (Architecture: all) are supported: Debian builds extension modules for its own Python.
/// </summary>
public static class DebianPackageWheels
{
    private const string SitePackages = "usr/lib/python3/dist-packages";

    /// <summary>Files of an installed .dist-info that the installer wrote, or that the new wheel writes itself.</summary>
    private static readonly string[] RegeneratedFiles = ["RECORD", "WHEEL", "INSTALLER", "REQUESTED", "direct_url.json"];

    /// <summary>Files of an .egg-info that a .dist-info has no place for (requires.txt becomes Requires-Dist).</summary>
    private static readonly string[] EggOnlyFiles = ["PKG-INFO", "requires.txt", "SOURCES.txt", "dependency_links.txt", "not-zip-safe", "zip-safe"];

    /// <summary>Unpacks <paramref name="deb"/> with dpkg-deb and builds its wheel into <paramref name="directory"/>; returns the wheel's path.</summary>
    public static string Repack(string deb, string directory)
    {
        using var tree = new TempDirectory("satchel-deb");
        var unpacked = ProcessRunner.Run("dpkg-deb", ["-x", deb, tree.Path]);
        if (unpacked.ExitCode != 0)
        {
            throw new InvalidOperationException($"dpkg-deb -x {deb} failed: {unpacked}");
        }

        return FromTree(tree.Path, directory);
    }

    /// <summary>Builds the wheel of the package unpacked at <paramref name="root"/> (the deb's / ) into <paramref name="directory"/>.</summary>
    public static string FromTree(string root, string directory)
    {
        var site = Path.Combine(root, SitePackages);
        var metadataDirectories = Directory.Exists(site)
            ? Directory.GetDirectories(site).Where(d => d.EndsWith(".dist-info", StringComparison.Ordinal) || d.EndsWith(".egg-info", StringComparison.Ordinal)).ToArray()
            : [];
        if (metadataDirectories.Length != 1)
        {
            throw new InvalidOperationException($"{root}: expected one .dist-info or .egg-info directory under {SitePackages}, found {metadataDirectories.Length}");
        }

        var info = metadataDirectories[0];
        var isEgg = info.EndsWith(".egg-info", StringComparison.Ordinal);
        var metadata = isEgg ? EggMetadata(info) : File.ReadAllText(Path.Combine(info, "METADATA"));
        var builder = new WheelBuilder(Field(metadata, "Name"), Field(metadata, "Version"));
        builder.AddDistInfoFile("METADATA", metadata);
        foreach (var file in Directory.GetFiles(info).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name != "METADATA" && !RegeneratedFiles.Contains(name) && !(isEgg && EggOnlyFiles.Contains(name)))
            {
                builder.AddDistInfoFile(name, File.ReadAllText(file));
            }
        }

        foreach (var file in Directory.GetFiles(site, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(site, file).Replace('\\', '/');
            if (relative.StartsWith(Path.GetFileName(info) + "/", StringComparison.Ordinal)
                || relative.Split('/').Contains("__pycache__") || relative.EndsWith(".pyc", StringComparison.Ordinal))
            {
                continue;
            }

            if (relative.EndsWith(".so", StringComparison.Ordinal) || relative.Contains(".so.", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{root}: {relative} is an extension module built for Debian's Python; only pure packages can be re-packed");
            }

            builder.AddFile(relative, File.ReadAllBytes(file), IsExecutable(file));
        }

        AddScripts(builder, Path.Combine(root, "usr", "bin"), ConsoleScripts(Path.Combine(info, "entry_points.txt")));
        return builder.Build(directory);
    }

    /// <summary>PKG-INFO with requires.txt's requirements added to its header (which ends at the first blank line; the description follows).</summary>
    private static string EggMetadata(string info)
    {
        var pkgInfo = File.ReadAllText(Path.Combine(info, "PKG-INFO"));
        var requiresTxt = Path.Combine(info, "requires.txt");
        var requires = File.Exists(requiresTxt) ? EggInfoRequirements.ToRequiresDist(File.ReadAllText(requiresTxt)) : [];
        var lines = string.Concat(requires.Select(r => $"Requires-Dist: {r}\n"));
        var endOfHeader = pkgInfo.IndexOf("\n\n", StringComparison.Ordinal);
        return endOfHeader < 0
            ? pkgInfo.TrimEnd('\n') + "\n" + lines
            : pkgInfo[..(endOfHeader + 1)] + lines + pkgInfo[(endOfHeader + 1)..];
    }

    private static string Field(string metadata, string name) =>
        metadata.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(name + ": ", StringComparison.Ordinal))?[(name.Length + 2)..].Trim()
        ?? throw new InvalidOperationException($"METADATA has no {name} field");

    /// <summary>The console and GUI script names of entry_points.txt: an installer writes those itself.</summary>
    private static HashSet<string> ConsoleScripts(string entryPoints)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(entryPoints))
        {
            return names;
        }

        var inScripts = false;
        foreach (var line in File.ReadAllLines(entryPoints).Select(l => l.Trim()))
        {
            if (line.StartsWith('['))
            {
                inScripts = line is "[console_scripts]" or "[gui_scripts]";
            }
            else if (inScripts && line.IndexOf('=', StringComparison.Ordinal) is var equals and > 0)
            {
                names.Add(line[..equals].Trim());
            }
        }

        return names;
    }

    /// <summary>usr/bin's Python scripts that are not entry points, as wheel data scripts; other programs there are not the distribution's.</summary>
    private static void AddScripts(WheelBuilder builder, string bin, HashSet<string> consoleScripts)
    {
        if (!Directory.Exists(bin))
        {
            return;
        }

        foreach (var file in Directory.GetFiles(bin).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var text = File.ReadAllText(file);
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            if (consoleScripts.Contains(name) || !text.StartsWith("#!/usr/bin/python3", StringComparison.Ordinal) || newline < 0)
            {
                continue;
            }

            builder.AddFile($"{builder.DataDirectory}/scripts/{name}", Encoding.UTF8.GetBytes("#!python" + text[newline..]), executable: true);
        }
    }

    private static bool IsExecutable(string path) => (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
}
