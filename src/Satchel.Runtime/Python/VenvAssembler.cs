using System.Text;
using Satchel.Runtime.Cache;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Files;
using Satchel.Runtime.Format;

namespace Satchel.Runtime.Python;

/// <summary>
/// Writes the virtual environment of one app with one interpreter: `pyvenv.cfg` naming the
/// interpreter, `bin/python*` linking to it, one `.pth` file that adds the app's and its wheels'
/// unit directories in order (<see cref="SitePathFile"/>: their own .pth files work) and imports
/// the <see cref="StartHook"/>, the console scripts of every wheel, the wheels' own scripts, and
/// for a `MODULE:FUNC` entry its script. Content is written for the venv's
/// final path: the work directory it is written into is renamed there.
/// </summary>
public static class VenvAssembler
{
    public const string PthFile = "_satchel.pth";

    /// <summary>Bumped whenever the venv's content changes (start hook, .pth, scripts); part of the venv's path.</summary>
    public const int Generation = 9;

    /// <summary>Where the script of a `MODULE:FUNC` entry is written (<see cref="CallableScript"/>).</summary>
    public const string BootDirectory = "satchel";

    /// <summary>The venv's site-packages for an interpreter of version <paramref name="majorMinor"/>.</summary>
    public static string SitePackages(string venv, string majorMinor) => Path.Combine(venv, "lib", "python" + majorMinor, "site-packages");

    /// <summary>The script a `MODULE:FUNC` entry runs as: VENV/satchel/APPNAME.</summary>
    public static string CallableScript(string venv, PayloadHeader header) => Path.Combine(venv, BootDirectory, AppScriptName.For(header.Name));

    /// <summary>"pkg.cli:main" as ("pkg.cli", "main").</summary>
    public static (string Module, string Attribute) SplitCallable(string entry)
    {
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        return (entry[..colon], entry[(colon + 1)..]);
    }

    public static string Write(string work, string final, PythonInterpreter interpreter, PayloadHeader header, CacheLayout layout)
    {
        var python = interpreter.MajorMinor;
        var finalPython = Path.Combine(final, "bin", "python");
        var bin = Path.Combine(work, "bin");
        AtomicDirectory.CreatePrivateDirectory(bin);
        foreach (var name in new[] { "python", "python3", "python" + python })
        {
            File.CreateSymbolicLink(Path.Combine(bin, name), interpreter.RealPath);
        }

        AtomicPath.WriteNewFile(Path.Combine(work, "pyvenv.cfg"),
            $"home = {Path.GetDirectoryName(interpreter.RealPath)}\ninclude-system-site-packages = false\nversion = {interpreter.Version}\nexecutable = {interpreter.RealPath}\ncommand = satchel\n");

        var launch = header.Launch.Python!;
        var sitePackages = SitePackages(work, python);
        AtomicDirectory.CreatePrivateDirectory(sitePackages);
        var dirs = new List<string>(launch.Paths.Count);
        foreach (var p in launch.Paths)
        {
            dirs.Add(Path.Combine(layout.UnitFiles(header.Units[p.Unit].KeyHex), p.Directory));
        }

        var pthFile = Path.Combine(sitePackages, PthFile);
        AtomicPath.WriteNewFile(pthFile, SitePathFile.Render(dirs) + StartHook.PthLine);
        AtomicPath.WriteNewFile(Path.Combine(sitePackages, StartHook.FileName), StartHook.Text);

        var scripts = 0;
        foreach (var dir in dirs)
        {
            scripts += WriteScripts(dir, bin, finalPython);
        }

        if (launch.EntryKind == PythonEntryKind.Callable)
        {
            // `-m MODULE:FUNC` has no script of its own in any wheel: it gets one, as pip writes a console script.
            var entry = Path.Combine(work, BootDirectory);
            AtomicDirectory.CreatePrivateDirectory(entry);
            var (module, attribute) = SplitCallable(launch.Entry);
            AtomicPath.WriteNewFile(Path.Combine(entry, AppScriptName.For(header.Name)), Encoding.UTF8.GetBytes(ConsoleScript.Render(module, attribute, finalPython)), executable: true);
        }

        return $"format=1\ninterpreter={interpreter.RealPath}\nversion={interpreter.Version}\nscripts={scripts}\n";
    }

    /// <summary>
    /// The scripts of one dist-info, by the rules the build checked them with (a wheel's when it
    /// was installed, a `--sources` one's before compression): a file that breaks them was not
    /// packed by satchel.
    /// </summary>
    private static List<EntryPoint> ReadScripts(string entryPoints)
    {
        try
        {
            return EntryPointsFile.ParseScripts(Utf8TextFile.ReadAllText(entryPoints));
        }
        catch (FormatViolationException e)
        {
            throw new CorruptPayloadException(entryPoints, e.Message);
        }
    }

    /// <summary>Console scripts from each distribution's entry points, and the unit's own scripts/ folder.</summary>
    internal static int WriteScripts(string siteDir, string bin, string python)
    {
        var count = 0;
        if (!Directory.Exists(siteDir))
        {
            return 0;
        }

        foreach (var distInfo in Directory.EnumerateDirectories(siteDir, "*.dist-info"))
        {
            var entryPoints = Path.Combine(distInfo, "entry_points.txt");
            if (!File.Exists(entryPoints))
            {
                continue;
            }

            foreach (var entry in ReadScripts(entryPoints))
            {
                var target = Path.Combine(bin, entry.Name);
                if (!File.Exists(target))
                {
                    AtomicPath.WriteNewFile(target, Encoding.UTF8.GetBytes(ConsoleScript.Render(entry.Module, entry.Attribute, python)), executable: true);
                    count++;
                }
            }
        }

        // A wheel unit keeps `.data/scripts` in a `scripts` folder beside its site-packages.
        var unitScripts = Path.Combine(Path.GetDirectoryName(siteDir.TrimEnd('/'))!, UnitLayout.Scripts);
        if (Path.GetFileName(siteDir.TrimEnd('/')) == UnitLayout.SitePackages && Directory.Exists(unitScripts))
        {
            foreach (var script in Directory.EnumerateFiles(unitScripts))
            {
                var target = Path.Combine(bin, Path.GetFileName(script));
                if (!File.Exists(target))
                {
                    AtomicPath.WriteNewFile(target, PythonShebang.Rewrite(File.ReadAllBytes(script), python), executable: true);
                    count++;
                }
            }
        }

        return count;
    }
}
