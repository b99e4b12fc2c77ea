using Satchel.Runtime.Python;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace Satchel.Testing.Wheels;

/// <summary>
/// Real wheels for tests, re-packed from distributions installed in a real interpreter's
/// site-packages: the interpreter names the distribution's files (importlib.metadata reads its
/// RECORD), and every file under site-packages goes back into a wheel with a fresh WHEEL and
/// RECORD. Byte-compiled files and installer-written files (INSTALLER, REQUESTED,
/// direct_url.json) are left out; console and GUI scripts come back from entry_points.txt; other
/// scripts go to .data/scripts with their "#!python" line restored, and other files outside
/// site-packages to .data/data. Wheels are cached per test run, one folder per process.
/// </summary>
public static class InstalledDistributionWheels
{
    public const string DefaultInterpreter = "/root/.pyenv/versions/3.11.7/bin/python3.11";

    private static readonly string[] InstallerFiles = ["RECORD", "INSTALLER", "REQUESTED", "direct_url.json", "RECORD.jws", "RECORD.p7s"];

    private static readonly ConcurrentDictionary<string, Lazy<string>> Cache = new(StringComparer.Ordinal);

    private static readonly Lazy<string> CacheRoot = new(() =>
    {
        var root = new TempDirectory("satchel-wheels");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => root.Dispose();
        return root.Path;
    });

    /// <summary>
    /// Asks the interpreter where the distribution is and which files it has. Paths are realpaths
    /// so they compare with the files' own resolved locations.
    /// </summary>
    private const string Query = """
        import importlib.metadata as m, json, os, sys, sysconfig
        d = m.distribution(sys.argv[1])
        files = d.files
        if files is None:
            raise SystemExit(f"{sys.argv[1]} has no RECORD file")
        info = next(f.parts[0] for f in files if len(f.parts) == 2 and f.parts[0].endswith(".dist-info") and f.parts[1] == "RECORD")
        print(json.dumps({
            "name": d.metadata["Name"],
            "version": d.version,
            "site": os.path.realpath(d.locate_file("")),
            "distInfo": info,
            "files": sorted(str(f) for f in files),
            "scriptsDir": os.path.realpath(sysconfig.get_path("scripts")),
            "prefix": os.path.realpath(sys.prefix),
            "python": f"cp{sys.version_info[0]}{sys.version_info[1]}",
            "platform": sysconfig.get_platform().replace("-", "_").replace(".", "_"),
            "entryPointScripts": sorted(e.name for e in d.entry_points if e.group in ("console_scripts", "gui_scripts")),
        }))
        """;

    /// <summary>The wheel of <paramref name="project"/> as installed in <paramref name="interpreter"/>, made once per test run.</summary>
    public static string Get(string project, string interpreter = DefaultInterpreter)
    {
        var key = interpreter + "\0" + WheelBuilder.EscapeName(project);
        var lazy = Cache.GetOrAdd(key, _ => new Lazy<string>(() =>
            Repack(project, Path.Combine(CacheRoot.Value, $"{(uint)interpreter.GetHashCode():x8}"), interpreter)));
        return lazy.Value;
    }

    /// <summary>A find-links folder: the wheels of <paramref name="projects"/> (made once per test run) copied into <paramref name="directory"/>.</summary>
    public static void CopyInto(string directory, IEnumerable<string> projects)
    {
        Directory.CreateDirectory(directory);
        foreach (var project in projects)
        {
            var wheel = Get(project);
            File.Copy(wheel, Path.Combine(directory, Path.GetFileName(wheel)), overwrite: true);
        }
    }

    /// <summary>Builds the wheel into <paramref name="directory"/> (uncached) and returns its path.</summary>
    public static string Repack(string project, string directory, string interpreter = DefaultInterpreter)
    {
        var result = ProcessRunner.Run(interpreter, ["-I", "-c", Query, project]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{interpreter} could not describe distribution '{project}': {result}");
        }

        using var json = JsonDocument.Parse(result.StdOut);
        var facts = json.RootElement;
        string Text(string property) => facts.GetProperty(property).GetString()!;
        var distInfo = Text("distInfo");
        var site = Text("site");
        var generated = facts.GetProperty("entryPointScripts").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
        var builder = new WheelBuilder(Text("name"), Text("version")) { DistInfo = distInfo };
        var native = false;
        foreach (var file in facts.GetProperty("files").EnumerateArray().Select(e => e.GetString()!))
        {
            if (file.Split('/').Contains("__pycache__") || file.EndsWith(".pyc", StringComparison.Ordinal)
                || InstallerFiles.Any(f => file == $"{distInfo}/{f}"))
            {
                continue;
            }

            var onDisk = Path.GetFullPath(Path.Combine(site, file));
            if (!file.StartsWith("../", StringComparison.Ordinal))
            {
                native |= IsNative(file);
                builder.AddFile(file, File.ReadAllBytes(onDisk), IsExecutable(onDisk));
            }
            else if (Path.GetDirectoryName(onDisk) == Text("scriptsDir"))
            {
                if (!generated.Contains(Path.GetFileName(onDisk)))
                {
                    builder.AddFile($"{builder.DataDirectory}/scripts/{Path.GetFileName(onDisk)}", RestorePythonShebang(File.ReadAllBytes(onDisk)), executable: true);
                }
            }
            else if (onDisk.StartsWith(Text("prefix") + "/", StringComparison.Ordinal))
            {
                builder.AddFile($"{builder.DataDirectory}/data/{Path.GetRelativePath(Text("prefix"), onDisk)}", File.ReadAllBytes(onDisk), IsExecutable(onDisk));
            }
            else
            {
                throw new InvalidOperationException($"{project}: file {file} lies outside the interpreter's prefix; a wheel cannot hold it");
            }
        }

        builder.Tag = native ? $"{Text("python")}-{Text("python")}-{Text("platform")}" : "py3-none-any";
        builder.RootIsPurelib = !native;
        return builder.Build(directory);
    }

    /// <summary>Extension modules, and versioned shared libraries bundled by auditwheel ("libfoo.so.1").</summary>
    private static bool IsNative(string file)
    {
        var name = Path.GetFileName(file);
        return name.EndsWith(".so", StringComparison.Ordinal) || name.Contains(".so.", StringComparison.Ordinal);
    }

    private static bool IsExecutable(string path) => (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;

    /// <summary>pip replaced "#!python" with the interpreter's path when it installed the script; a wheel has "#!python".</summary>
    private static byte[] RestorePythonShebang(byte[] script)
    {
        var text = Encoding.UTF8.GetString(script);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (!text.StartsWith("#!/", StringComparison.Ordinal) || newline < 0)
        {
            return script;
        }

        var program = text[2..newline].Trim().Split(' ')[0];
        return Path.GetFileName(program).StartsWith("python", StringComparison.Ordinal)
            ? Encoding.UTF8.GetBytes("#!python" + text[newline..])
            : script;
    }
}
