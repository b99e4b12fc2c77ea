using Satchel.Runtime.Cache;
using Satchel.Runtime.Configuration;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Payload;
using Satchel.Runtime.Python;

namespace Satchel.Runtime.Launch;

/// <summary>
/// What a built app does when started. Warm path: read the trailer and header of its own file,
/// resolve the cache root, stat each unit's completion marker, exec. Cold path (a marker is
/// missing): verify the header, read the index, extract the missing units, then exec.
/// </summary>
public static class AppLauncher
{
    public static int Run(string[] args)
    {
        var log = new Log(Settings.Flag("SATCHEL_VERBOSE"));
        try
        {
            return Launch(args, log);
        }
        catch (SatchelException e)
        {
            return Fail(e.Message, e.ExitCode, e, log);
        }
        catch (IOException e)
        {
            return Fail(e.Message, IoErrors.IsDiskFull(e) ? ExitCodes.CantCreate : ExitCodes.IoError, e, log);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(e.Message, ExitCodes.NoPermission, e, log);
        }
        catch (Exception e)
        {
            return Fail($"internal error ({e.GetType().Name}): {IoErrors.Describe(e)}; please report it", ExitCodes.Software, e, log);
        }
    }

    private static int Launch(string[] args, Log log)
    {
        var self = Environment.ProcessPath ?? throw new SatchelException(ExitCodes.Software, "cannot find the path of this executable");
        using var app = AppFile.Open(self);
        var header = app.Header;
        log.Line($"app {header.Name} id {app.Trailer.AppIdHex} ({header.Units.Count} units)");

        var layout = new CacheLayout(CacheRoot.Resolve());
        log.Line($"cache root {layout.Root}");

        List<UnitDescriptor>? missing = null;
        foreach (var unit in header.Units)
        {
            if (!UnitInstaller.IsComplete(layout, unit))
            {
                (missing ??= []).Add(unit);
            }
        }

        if (missing is null)
        {
            log.Line("hit: every unit is cached");
        }
        else
        {
            log.Line($"miss: {missing.Count} of {header.Units.Count} units to extract");
            Extract(app, layout, missing, log);
        }

        var plan = header.Launch.Kind == LaunchKind.Python
            ? PlanPython(app, layout, args, self, log)
            : LaunchPlan.For(header, layout, UserPath(self), args);
        log.Line($"exec {plan.Program}");
        if (OperatingSystem.IsWindows())
        {
            return ChildProcess.RunAndWait(plan.Program, plan.Argv, plan.Environment, plan.Unset ?? []);
        }

        app.Dispose();
        ProcessReplacement.UnsetEnvironment(plan.Unset ?? []);
        ProcessReplacement.SetEnvironment(plan.Environment);
        ProcessReplacement.Exec(plan.Program, plan.Argv);
        return ExitCodes.Software;
    }

    /// <summary>Chooses the interpreter, makes sure the app's venv for it exists, and plans the start.</summary>
    private static LaunchPlan PlanPython(AppFile app, CacheLayout layout, string[] args, string self, Log log)
    {
        var header = app.Header;
        var interpreter = InterpreterChoice.Select(header, layout, log);
        var venv = new AtomicDirectory(layout.VenvDir(app.Trailer.AppIdHex, interpreter.Key, VenvAssembler.Generation), log);
        if (!venv.IsComplete)
        {
            app.VerifyHeader();
            if (venv.Ensure(work => VenvAssembler.Write(work, venv.Final, interpreter, header, layout)))
            {
                log.Line($"venv {venv.Final} assembled for {interpreter.RealPath}");
            }
        }

        return PythonLaunchPlan.For(header, layout, venv.Final, UserPath(self), args,
            Settings.Flag("SATCHEL_INTERPRETER"), Settings.Flag("SATCHEL_INHERIT_PATH"));
    }

    private static void Extract(AppFile app, CacheLayout layout, List<UnitDescriptor> missing, Log log)
    {
        app.VerifyHeader();
        PayloadIndex? index = null;
        var installer = new UnitInstaller(layout, log);
        foreach (var unit in missing)
        {
            var position = IndexOf(app.Header.Units, unit);
            installer.Ensure(app, unit, () => (index ??= app.ReadIndex()).Units[position]);
        }
    }

    private static int IndexOf(IReadOnlyList<UnitDescriptor> units, UnitDescriptor unit)
    {
        for (var i = 0; i < units.Count; i++)
        {
            if (ReferenceEquals(units[i], unit))
            {
                return i;
            }
        }

        throw new InvalidOperationException("unit not in header");
    }

    /// <summary>The path the user ran, made absolute; the real executable path if argv[0] was a bare name found on PATH.</summary>
    private static string UserPath(string self)
    {
        var argv0 = Environment.GetCommandLineArgs() is [var first, ..] ? first : null;
        if (argv0 is not null && argv0.Contains(Path.DirectorySeparatorChar) && File.Exists(argv0))
        {
            return Path.GetFullPath(argv0);
        }

        return self;
    }

    private static int Fail(string message, int code, Exception e, Log log)
    {
        StandardError.WriteLine($"satchel: {message}");
        if (log.Enabled)
        {
            log.Line($"exit {code} after {e.GetType().Name}");
        }

        return code;
    }
}
