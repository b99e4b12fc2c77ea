using System.Text;
using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Extraction;
using Satchel.Runtime.Format;
using Satchel.Runtime.Posix;
using Satchel.Runtime.Python;

namespace Satchel.Runtime.Tools;

/// <summary>
/// `satchel venv APP DIR`: a real virtual environment that runs the app without Satchel. The
/// interpreter's own `-m venv --without-pip` makes it (pyvenv.cfg, bin/python, activate scripts);
/// every wheel unit's site-packages is then installed into its site-packages (first on the app's
/// sys.path wins, as at run time), their console scripts written into bin/, the app's own unit
/// copied to DIR/app (its sys.path directories added by a .pth file) and bin/APPNAME runs the
/// app's entry the way the launcher does. Nothing in DIR refers to the Satchel cache.
/// </summary>
public static class StandaloneVenv
{
    public const string AppDirectory = "app";
    public const string PthFile = "_satchel_app.pth";
    private static readonly TimeSpan VenvTimeout = TimeSpan.FromMinutes(2);

    public static string Create(AppFile app, string destination, CacheLayout layout, Log log)
    {
        var header = app.Header;
        if (header.Launch.Python is not { } launch)
        {
            throw new SatchelException(ExitCodes.Usage, $"{app.Path} is not a Python app (it runs {header.Launch.EntryPath}): use `extract` to get its files");
        }

        if (OperatingSystem.IsWindows())
        {
            throw new SatchelException(ExitCodes.Unavailable, "making a standalone venv is not supported on Windows yet; use `extract`");
        }

        var index = app.ReadIndex();
        var (interpreter, set) = InterpreterChoice.Select(launch, layout, log);
        header = header.ForPythonSet(set);
        launch = header.Launch.Python!;
        var final = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destination));
        var script = string.Empty;
        OutputDirectory.Create(final, "venv", venv =>
        {
            RunVenvModule(interpreter, venv);
            var python = Path.Combine(venv, "bin", "python");
            var bin = Path.Combine(venv, "bin");
            var sitePackages = Path.Combine(venv, "lib", "python" + interpreter.MajorMinor, "site-packages");
            if (!Directory.Exists(sitePackages))
            {
                throw new SatchelException(ExitCodes.Unavailable, $"{interpreter.RealPath} -m venv made no {sitePackages}; is it a CPython with a standard layout?");
            }

            var appDir = Path.Combine(venv, AppDirectory);
            var entryUnit = header.Launch.EntryUnit;
            UnitTreeWriter.Write(app, index.Units[entryUnit], appDir);
            IndexModes.Apply(appDir, index.Units[entryUnit]);

            // The app's own entry first: console scripts of the wheels never replace it.
            script = Path.Combine(bin, AppScriptName.For(header.Name));
            if (Path.Exists(script) || new FileInfo(script).LinkTarget is not null)
            {
                // An app named like one of the venv's own files (python, activate, ...).
                script += "-app";
            }

            WriteEntryScript(venv, script, python, header.Launch, appDir);

            var staging = Path.Combine(venv, ".satchel-staging");
            var extracted = new string?[header.Units.Count];
            var appPaths = new List<string>();
            foreach (var path in launch.Paths)
            {
                string dir;
                if (path.Unit == entryUnit)
                {
                    dir = Path.Combine(appDir, path.Directory);
                    appPaths.Add(dir);
                }
                else
                {
                    var unitDir = extracted[path.Unit];
                    if (unitDir is null)
                    {
                        unitDir = Path.Combine(staging, path.Unit.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        Directory.CreateDirectory(staging);
                        UnitTreeWriter.Write(app, index.Units[path.Unit], unitDir);
                        IndexModes.Apply(unitDir, index.Units[path.Unit]);
                        extracted[path.Unit] = unitDir;
                    }

                    dir = Path.Combine(unitDir, path.Directory);
                }

                VenvAssembler.WriteScripts(dir, bin, python);
                if (path.Unit != entryUnit && Directory.Exists(dir))
                {
                    MergeInto(dir, sitePackages);
                }
            }

            if (appPaths.Count > 0)
            {
                AtomicPath.WriteNewFile(Path.Combine(sitePackages, PthFile), SitePathFile.Render(appPaths));
            }

            if (Directory.Exists(staging))
            {
                Removal.TreeRemover.Remove(staging, log);
            }

            log.Line($"venv {venv} made with {interpreter.RealPath} ({interpreter.Version})");
        }, log, inPlace: true);
        return script;
    }

    private static void RunVenvModule(PythonInterpreter interpreter, string venv)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (!name.StartsWith("PYTHON", StringComparison.Ordinal))
            {
                environment[name] = (string?)variable.Value ?? string.Empty;
            }
        }

        var outcome = SpawnedProcess.Run(interpreter.RealPath, [interpreter.RealPath, "-m", "venv", "--without-pip", venv], environment, VenvTimeout, captureStandardError: true);
        if (outcome.TimedOut || outcome.ExitCode != 0)
        {
            var detail = outcome.StdErr.Trim();
            var last = detail.LastIndexOf('\n');
            throw new SatchelException(ExitCodes.Unavailable,
                $"{interpreter.RealPath} -m venv {venv} failed ({(outcome.TimedOut ? "timed out" : "exit " + outcome.ExitCode)}{(detail.Length > 0 ? ": " + detail[(last + 1)..] : string.Empty)}); install the interpreter's venv module or choose another with SATCHEL_PYTHON");
        }
    }

    /// <summary>bin/APPNAME: the launcher's start, without the launcher (injected variables and arguments included).</summary>
    private static void WriteEntryScript(string venv, string script, string python, LaunchSpec spec, string appDir)
    {
        var boot = Path.Combine(venv, VenvAssembler.BootDirectory);
        Directory.CreateDirectory(boot);
        AtomicPath.WriteNewFile(Path.Combine(boot, BootScript.ModuleName + ".py"), BootScript.Render(spec, appDir, Path.GetDirectoryName(script)!));
        var text = new StringBuilder(ShebangLine.For(python));
        text.Append("# Written by `satchel venv`: runs the app's entry.\nimport os, sys\n");
        text.Append("sys.path.insert(0, ").Append(PythonLiteral.Of(boot)).Append(")\n");
        text.Append("os.environ[\"SATCHEL_APP_DIR\"] = ").Append(PythonLiteral.Of(appDir)).Append('\n');
        foreach (var (name, value) in spec.InjectEnv)
        {
            text.Append("os.environ[").Append(PythonLiteral.Of(name)).Append("] = ").Append(PythonLiteral.Of(value)).Append('\n');
        }

        if (spec.InjectArgs.Count > 0)
        {
            text.Append("sys.argv[1:1] = [");
            foreach (var arg in spec.InjectArgs)
            {
                text.Append(PythonLiteral.Of(arg)).Append(", ");
            }

            text.Append("]\n");
        }

        text.Append("import ").Append(BootScript.ModuleName).Append("\ndel sys.path[0]\n").Append(BootScript.ModuleName).Append(".main()\n");
        AtomicPath.WriteNewFile(script, Encoding.UTF8.GetBytes(text.ToString()), executable: true);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, (UnixFileMode)IndexEntry.ExecutableFileMode);
        }
    }

    /// <summary>Moves <paramref name="source"/>'s children into <paramref name="target"/>; what is already there wins (sys.path order), directories merge.</summary>
    private static void MergeInto(string source, string target)
    {
        foreach (var name in DirectoryNames.StartingWith(source, string.Empty))
        {
            var child = Path.Combine(source, name);
            var destination = Path.Combine(target, name);
            var isRealDirectory = Directory.Exists(child) && new FileInfo(child).LinkTarget is null;
            if (!Path.Exists(destination) && new FileInfo(destination).LinkTarget is null)
            {
                // One rename(2) in one file system moves a file, a link or a whole directory alike.
                if (LibC.Rename(child, destination) != 0)
                {
                    var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                    throw new IOException($"cannot move {child} to {destination}: {LibC.StrError(errno)}", errno);
                }
            }
            else if (isRealDirectory && Directory.Exists(destination) && new FileInfo(destination).LinkTarget is null)
            {
                MergeInto(child, destination);
            }
        }
    }
}
