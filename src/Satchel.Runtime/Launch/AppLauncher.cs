using Satchel.Runtime.Cache;
using Satchel.Runtime.Configuration;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Posix;
using Satchel.Runtime.Python;

namespace Satchel.Runtime.Launch;

/// <summary>
/// What a built app does when started. Warm path: read the trailer and header of its own file,
/// resolve the cache root, lock each unit shared (the in-use lock) and stat its completion
/// marker, exec. Cold path (a marker is missing): verify the header, read the index, extract the
/// missing units, then exec.
/// </summary>
public static partial class AppLauncher
{
    /// <param name="args">The app's arguments.</param>
    /// <param name="tools">
    /// What `SATCHEL_TOOLS=1` runs instead of the app (Tools/AppTools.Run). The launcher's Main
    /// passes it in: the tools use this class (`warm` does what a first start does), so Launch
    /// naming Tools would make the two one tangle.
    /// </param>
    public static int Run(string[] args, Func<AppFile, string[], Log, int> tools)
    {
        ClosedStdioGuard.Fill();
        StubHandover.Accept();
        var log = new Log(Settings.Flag(SatchelVariables.Verbose));
        try
        {
            return Launch(args, tools, log);
        }
        catch (Exception e)
        {
            return ExitPolicy.Report(e, log.Enabled, SatchelVariables.Verbose + "=1", StandardError.WriteLine);
        }
    }

    private static int Launch(string[] args, Func<AppFile, string[], Log, int> tools, Log log)
    {
        var self = ExecutablePath.Current();
        using var app = AppFile.Open(self);
        var header = app.Header;
        log.Line($"app {header.Name} id {app.Trailer.AppIdHex} ({header.Units.Count} units)");
        if (Settings.Flag(SatchelVariables.Tools))
        {
            return tools(app, args, log);
        }

        if (ExtractModeSetting.Resolve(header.ExtractMode) == ExtractMode.Temp)
        {
            return TempLauncher.Run(app, args, self, log);
        }

        var layout = CacheRoot.Open();
        if (layout.ReadOnly)
        {
            log.Line($"cache root {layout.Root} (root's, read-only for us)");
        }
        else
        {
            log.Line($"cache root {layout.Root}");
        }

        using var inUse = new InUseLocks(log, layout.ReadOnly);
        var chosen = ChooseSetFirst(app, layout, log);
        var only = chosen?.Header.SetUnits();
        HoldUnitsInUse(app, layout, inUse, log, only);
        var userPath = UserPath(self);
        RecordUse(app, layout, userPath, log);

        StartRecordWriter.PythonStart? python = null;
        var plan = app.Header.Launch.Kind == LaunchKind.Python
            ? PlanPython(app, layout, layout, inUse, args, userPath, log, chosen, out python)
            : LaunchPlan.For(app.Header, layout, userPath, args);
        if (StubHandover.AppPath is not null)
        {
            // Only a start the stub handed over: without a stub in front, nothing would read it.
            StartRecordWriter.WriteIfServable(app, layout, inUse, only, python, plan, userPath, args, log);
        }

        log.Line($"exec {plan.Program}");
        if (OperatingSystem.IsWindows())
        {
            return ChildProcess.RunAndWait(plan.Program, plan.Argv, plan.Environment, plan.Removed);
        }

        app.Dispose();
        ProcessReplacement.UnsetEnvironment(plan.Removed);
        ProcessReplacement.SetEnvironment(plan.Environment);
        ProcessReplacement.Exec(plan.Program, plan.Argv);
        return ExitCodes.Software;
    }

    /// <summary>
    /// What to start once every unit is in <paramref name="layout"/>; <paramref name="interpreters"/>
    /// holds interpreter facts; <paramref name="inUse"/> (null in temp mode, whose private directory
    /// no prune can see) takes the venv's in-use lock.
    /// </summary>
    /// <param name="chosen">The interpreter and its set when <see cref="ChooseSetFirst"/> chose them already.</param>
    internal static LaunchPlan Plan(AppFile app, CacheLayout layout, CacheLayout interpreters, InUseLocks? inUse, string[] args, string userPath, Log log,
        (PythonInterpreter Interpreter, PayloadHeader Header)? chosen = null) =>
        app.Header.Launch.Kind == LaunchKind.Python
            ? PlanPython(app, layout, interpreters, inUse, args, userPath, log, chosen, out _)
            : LaunchPlan.For(app.Header, layout, userPath, args);

    /// <summary>
    /// An app built for several interpreters chooses its interpreter before its units are held or
    /// extracted: only the chosen set's units are (docs/format.md, "Several interpreters"). Null for
    /// any other app, which holds every unit first as always.
    /// </summary>
    private static (PythonInterpreter Interpreter, PayloadHeader Header)? ChooseSetFirst(AppFile app, CacheLayout layout, Log log) =>
        app.Header.Launch.Python is { Alternatives.Count: > 0 }
            ? InterpreterChoice.Select(app.Header, layout, layout, log)
            : null;

    /// <summary>Chooses the interpreter, makes sure the app's venv for it exists, and plans the start.</summary>
    private static LaunchPlan PlanPython(AppFile app, CacheLayout layout, CacheLayout interpreters, InUseLocks? inUse, string[] args, string userPath, Log log,
        (PythonInterpreter Interpreter, PayloadHeader Header)? chosen, out StartRecordWriter.PythonStart started)
    {
        var (interpreter, venv, header) = EnsureVenv(app, layout, interpreters, inUse, log, chosen);
        started = new StartRecordWriter.PythonStart(interpreter, venv, header, StartRecordWriter.PythonStart.IsBundled(app.Header));
        return PythonLaunchPlan.For(header, layout, venv, userPath, args,
            Settings.Flag(SatchelVariables.Interpreter), Settings.Flag(SatchelVariables.InheritPath), EntryOverride.FromEnvironment());
    }

    /// <summary>
    /// Chooses the interpreter and makes sure the app's venv for it exists (held in use when
    /// <paramref name="inUse"/> is given); the header as it runs with that interpreter (its set's sys.path).
    /// </summary>
    private static (PythonInterpreter Interpreter, string Venv, PayloadHeader Header) EnsureVenv(AppFile app, CacheLayout layout, CacheLayout interpreters, InUseLocks? inUse, Log log,
        (PythonInterpreter Interpreter, PayloadHeader Header)? chosen = null)
    {
        var (interpreter, header) = chosen ?? InterpreterChoice.Select(app.Header, layout, interpreters, log, BuildInterpreterVersion.From(app.HeaderBytes));
        var venv = new AtomicDirectory(layout.VenvDir(app.Trailer.AppIdHex, interpreter.Key, VenvAssembler.Generation), log);
        var completion = Completion.Missing;
        for (var round = 0; (completion = inUse?.HoldIfComplete(venv.Final) ?? (venv.IsComplete ? Completion.Complete : Completion.Missing)) == Completion.Missing; round++)
        {
            CheckRound(round, venv.Final);
            if (layout.ReadOnly)
            {
                // Most often warm chose another interpreter (another PATH or HOME): pinning it for both is the fix.
                throw ReadOnlyCacheException.For(layout, $"the app's venv for {interpreter.RealPath} ({venv.Final}; if warm ran, it chose another interpreter: set SATCHEL_PYTHON={interpreter.RealPath} for warm and for the app)", venv.Final);
            }

            app.VerifyHeader();
            if (venv.Ensure(work => VenvAssembler.Write(work, venv.Final, interpreter, header, layout)))
            {
                log.Line($"venv {venv.Final} assembled for {interpreter.RealPath}");
            }
        }

        Func<string, string> assemble = work => VenvAssembler.Write(work, venv.Final, interpreter, header, layout);
        if (Settings.Flag(SatchelVariables.Verify))
        {
            VenvRepair.Run(venv.Final, assemble, log);
        }
        else if (VenvHealth.MissingFile(venv.Final, interpreter, header) is { } missing)
        {
            // Python would start without the app's paths or its entry: repaired before it starts.
            log.Line($"venv {venv.Final} lost {missing}: repairing it");
            string? failure = null;
            try
            {
                VenvRepair.Run(venv.Final, assemble, log);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failure = IoErrors.Describe(e);
            }

            if (VenvHealth.MissingFile(venv.Final, interpreter, header) is { } lost)
            {
                throw new SatchelException(ExitCodes.Unavailable,
                    $"the app's Python environment {venv.Final} is damaged ({lost} is missing) and could not be repaired{(failure is null ? string.Empty : ": " + failure)}; remove that directory and run the app again");
            }
        }
        else if (completion == Completion.PredatesBoot)
        {
            // The venv's files are few and small: compared in full with a fresh assembly, as
            // SATCHEL_VERIFY does. A cache this process cannot write can be neither repaired nor
            // marked as checked, so it is left as it is (docs/cache-layout.md, "Power cuts").
            if (RebootCheck.CanWriteMarker(venv.Final))
            {
                VenvRepair.Run(venv.Final, work => VenvAssembler.Write(work, venv.Final, interpreter, header, layout), log);
                RebootCheck.TouchMarker(venv.Final, log);
            }
            else
            {
                log.Line($"venv {venv.Final} was marked before the last boot and cannot be written here: not checked");
            }
        }

        if (header.Bytecode.Count > 0)
        {
            BytecodeInstaller.EnsureFor(app, layout, interpreter.CacheTag, log);
        }

        return (interpreter, venv.Final, header);
    }

    internal static void Extract(AppFile app, CacheLayout layout, IReadOnlyList<UnitDescriptor> missing, Log log)
    {
        app.VerifyHeader();
        PayloadIndex? index = null;
        var installer = new UnitInstaller(layout, log);
        foreach (var unit in missing)
        {
            if (unit.Kind == UnitKind.Bytecode)
            {
                // Installed into its target once the interpreter is known (BytecodeInstaller).
                continue;
            }

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
    internal static string UserPath(string self)
    {
        var argv0 = Environment.GetCommandLineArgs() is [var first, ..] ? first : null;
        if (argv0 is not null && argv0.Contains(Path.DirectorySeparatorChar) && File.Exists(argv0))
        {
            return Path.GetFullPath(argv0);
        }

        return self;
    }
}
