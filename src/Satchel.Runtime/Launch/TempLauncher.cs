using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Posix;
using Satchel.Runtime.Removal;
using Satchel.Runtime.Supervision;
using Satchel.Runtime.Temp;
using Satchel.Runtime.Configuration;

namespace Satchel.Runtime.Launch;

/// <summary>
/// Temp mode (docs/temp-mode.md): every unit is extracted into a new private directory, the app
/// runs as a supervised child, and the directory is removed when it has ended; the launcher then
/// ends the way the app did (same exit code, or the same signal). Signals are blocked from the
/// start, so one that arrives during extraction is acted on (not lost, and not killing the
/// launcher before its clean-up).
/// </summary>
internal static class TempLauncher
{
    public static int Run(AppFile app, string[] args, string self, Log log) =>
        RunInPrivateDirectory(dir => Prepare(app, args, self, dir, log), TimeSpan.FromMilliseconds(app.Header.GraceMilliseconds), log);

    /// <summary>
    /// The whole temp-mode life cycle around <paramref name="prepare"/>, which fills the new run
    /// directory and says what to start: signals blocked first, the run directory made, the child
    /// started and supervised, the directory removed, the child's status returned (or died by).
    /// The Windows tests under Wine run this with a prepared child (tests/Satchel.Windows.Tests).
    /// </summary>
    internal static int RunInPrivateDirectory(Func<string, LaunchPlan> prepare, TimeSpan grace, Log log)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows())
        {
            throw new SatchelException(ExitCodes.Unavailable,
                $"temp extraction is not supported on this operating system yet; run with {SatchelVariables.Extract}=cache");
        }

        // Windows has no signals to block: console events are caught by WindowsChild's handler.
        byte[]? watched = null;
        if (!OperatingSystem.IsWindows())
        {
            watched = PosixChild.WatchedSignals();
            SignalMask.BlockInAllThreads(watched);
        }

        var baseDir = TempBase.Choose(log);
        ChildStatus status;
        using (var run = TempRunDirectory.Create(baseDir, log))
        {
            try
            {
                status = Start(prepare(run.Path), grace, watched, log);
            }
            finally
            {
                CleanUp(run, baseDir, log);
            }
        }

        if (status.IsSignaled && !OperatingSystem.IsWindows())
        {
            log.Line($"the app was killed by signal {status.Signal}: ending the same way");
            SignalMask.DieBy(status.Signal);
        }

        return status.ExitCode;
    }

    /// <summary>Extracts every unit into the run directory <paramref name="dir"/> and plans the app's start.</summary>
    private static LaunchPlan Prepare(AppFile app, string[] args, string self, string dir, Log log)
    {
        var layout = new CacheLayout(dir);
        AppLauncher.Extract(app, layout, app.Header.Units, log);
        return AppLauncher.Plan(app, layout, InterpreterLayout(layout), inUse: null, args, AppLauncher.UserPath(self), log);
    }

    private static ChildStatus Start(LaunchPlan plan, TimeSpan grace, byte[]? watched, Log log)
    {
        // Tested with OperatingSystem itself, which NativeAOT folds per target: the Windows code
        // (job objects, the console handler) is not compiled into a Linux launcher.
        if (OperatingSystem.IsWindows())
        {
            foreach (var name in plan.Removed)
            {
                Environment.SetEnvironmentVariable(name, null);
            }

            foreach (var (name, value) in plan.Environment)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            log.Line($"start {plan.Program} in a job object");
            using var job = WindowsChild.Start(plan.Program, plan.Argv);
            return new Supervisor(job, grace, SystemClock.Instance, log).Run();
        }

        ArgumentNullException.ThrowIfNull(watched);
        if (PendingTermination(watched, log) is { } signal)
        {
            return ChildStatus.KilledBy(signal);
        }

        log.Line($"spawn {plan.Program}");
        ProcessReplacement.UnsetEnvironment(plan.Removed);
        ProcessReplacement.SetEnvironment(plan.Environment);
        var child = PosixChild.Start(plan.Program, plan.Argv, watched);
        return new Supervisor(child, grace, SystemClock.Instance, log).Run();
    }

    /// <summary>
    /// Interpreter facts are not the app's files: they are read from (and added to) the shared
    /// cache when it exists, so a temp-mode run does not probe its interpreter again; a temp run
    /// never creates the cache, and without one the facts live and die with the run directory.
    /// </summary>
    private static CacheLayout InterpreterLayout(CacheLayout run) =>
        Directory.Exists(CacheRoot.Locate().Path) ? CacheRoot.Open() : run;

    /// <summary>A terminating signal received while extracting: the app is not started, and the launcher ends by that signal.</summary>
    private static int? PendingTermination(byte[] watched, Log log)
    {
        int? terminating = null;
        while (SignalMask.Take(watched, TimeSpan.Zero, out _) is var signal and > 0)
        {
            if (SignalNumbers.IsTerminating(signal))
            {
                terminating ??= signal;
            }
        }

        if (terminating is { } s)
        {
            log.Line($"signal {s} before the app started: not starting it");
        }

        return terminating;
    }

    /// <summary>Sweeps stale directories of dead runs, then removes ours; what cannot be removed is one warning, never a different exit status.</summary>
    private static void CleanUp(TempRunDirectory run, string baseDir, Log log)
    {
        try
        {
            var swept = StaleTempSweeper.Sweep(baseDir, run.Path, log);
            if (swept > 0)
            {
                log.Line($"swept {swept} stale temp directories in {baseDir}");
            }
        }
        catch (Exception e) when (e is SatchelException or IOException or UnauthorizedAccessException)
        {
            // A sweep is a courtesy to earlier runs: it never changes how this run ends.
            log.Line($"sweep of {baseDir} failed: {e.Message}");
        }

        try
        {
            if (run.Remove(log) is { } failure)
            {
                StandardError.WriteLine($"satchel: warning: {failure.Message}");
            }
        }
        catch (Exception e) when (e is SatchelException or IOException or UnauthorizedAccessException)
        {
            StandardError.WriteLine($"satchel: warning: cannot remove {run.Path}: {e.Message}; delete it by hand");
        }
    }
}
