namespace Satchel.Runtime.Configuration;

/// <summary>
/// Every `SATCHEL_*` environment variable, named once (README, "Environment variables"; each
/// constant says where it is read). Code and messages refer to these constants, never to a
/// spelled-out name, so a variable cannot be read under one name and documented under another.
/// </summary>
public static class SatchelVariables
{
    /// <summary>The cache directory, an absolute path (CacheRoot).</summary>
    public const string Root = "SATCHEL_ROOT";

    /// <summary>Print what the launcher or the CLI decides (AppLauncher, ErrorBoundary).</summary>
    public const string Verbose = "SATCHEL_VERBOSE";

    /// <summary>Seconds to wait for another process's lock on a unit (FileLock).</summary>
    public const string LockTimeout = "SATCHEL_LOCK_TIMEOUT";

    /// <summary>The interpreter a Python app must use (InterpreterEnvironment, InterpreterChoice).</summary>
    public const string Python = "SATCHEL_PYTHON";

    /// <summary>Start the app's Python itself with the user's arguments (AppLauncher, PythonLaunchPlan).</summary>
    public const string Interpreter = "SATCHEL_INTERPRETER";

    /// <summary>Run another module (or MODULE:FUNC) of a Python app (EntryOverride).</summary>
    public const string Module = "SATCHEL_MODULE";

    /// <summary>Run a Python file with the app's environment instead of its entry (EntryOverride).</summary>
    public const string Script = "SATCHEL_SCRIPT";

    /// <summary>Let the host's PYTHONPATH, PYTHONHOME and user site in (PythonLaunchPlan).</summary>
    public const string InheritPath = "SATCHEL_INHERIT_PATH";

    /// <summary>Run a tool of the app instead of the app (AppTools).</summary>
    public const string Tools = "SATCHEL_TOOLS";

    /// <summary>Check the cached files and venv against the index and repair them (CachedUnitRepair, VenvRepair).</summary>
    public const string Verify = "SATCHEL_VERIFY";

    /// <summary>syncfs before a unit's completion marker is written (AtomicDirectory).</summary>
    public const string Durable = "SATCHEL_DURABLE";

    /// <summary>"0": hold no in-use locks (InUseLocks).</summary>
    public const string InUseLocks = "SATCHEL_IN_USE_LOCKS";

    /// <summary>Override the extraction mode the app was built with (ExtractModeSetting).</summary>
    public const string Extract = "SATCHEL_EXTRACT";

    /// <summary>Temp mode: where the per-run directories go (TempBase).</summary>
    public const string Temp = "SATCHEL_TEMP";

    /// <summary>Seconds removals may wait for busy files (RemovalOptions).</summary>
    public const string DeleteTimeout = "SATCHEL_DELETE_TIMEOUT";

    /// <summary>Build time: the launcher binary to use instead of the bundled one (LauncherLocator).</summary>
    public const string Launcher = "SATCHEL_LAUNCHER";

    /// <summary>Build time: seconds a helper run that asks an interpreter something may take (ProbeTimeout).</summary>
    public const string ProbeTimeout = "SATCHEL_PROBE_TIMEOUT";

    /// <summary>Build time: how many interpreters of a build with several --python resolve at once (ResolutionJobs); 1 is one after the other.</summary>
    public const string ResolveJobs = "SATCHEL_RESOLVE_JOBS";

    /// <summary>Set for the app: the absolute path of the file the user ran (LaunchPlan).</summary>
    public const string App = "SATCHEL_APP";

    /// <summary>Set for the app: the directory its files were extracted to (LaunchPlan).</summary>
    public const string AppDir = "SATCHEL_APP_DIR";

    /// <summary>Set for the app's Python, removed by its start hook: the path the user ran, for sys.argv[0] (StartHook).</summary>
    public const string Argv0 = "SATCHEL_ARGV0";

    /// <summary>
    /// Set by the warm-start stub for the full launcher it hands over to: the app file's path (the
    /// launcher runs from a memfd or an unlinked temporary copy, so /proc/self/exe is not the app). Removed at
    /// once, never seen by the app (StubHandover).
    /// </summary>
    public const string Handover = "SATCHEL_HANDOVER";

    /// <summary>
    /// Set by the stub when it sized this launcher's GC to a `ulimit -v` through DOTNET_GCRegionRange:
    /// both are removed at once, so the app and what it starts (a .NET program too) never see them (StubHandover).
    /// </summary>
    public const string HandoverGc = "SATCHEL_HANDOVER_GC";

    /// <summary>
    /// The variables with which the warm-start stub still serves a start (src/Satchel.WarmStart/Program.cs
    /// holds the same list): those a start record checks itself or that matter only when the full
    /// launcher works, and those an app passes on to the apps it starts. Any other `SATCHEL_*`
    /// variable sends the start to the full launcher, and keeps it from writing a start record.
    /// </summary>
    public static IReadOnlyList<string> WarmStartNeutral { get; } =
        [Root, App, AppDir, Argv0, Python, Launcher, ProbeTimeout, ResolveJobs, LockTimeout, DeleteTimeout, Durable, Temp, InUseLocks];

    /// <summary>
    /// Settings of one start: what to run instead of the entry, verbose output, checks, tools. They
    /// are taken out of the app's environment (LaunchPlan.Removed), as pex strips its PEX_* variables,
    /// so an app built with Satchel that the app starts runs as itself, not as the REPL or another
    /// entry (README, "Environment variables"). The others (the cache root, the interpreter, the
    /// timeouts, the extraction mode) describe the machine and reach the app and its children.
    /// </summary>
    public static IReadOnlyList<string> ForOneStart { get; } = [Interpreter, Module, Script, Verbose, Verify, Tools];

    public static bool IsWarmStartNeutral(string name)
    {
        foreach (var neutral in WarmStartNeutral)
        {
            if (neutral == name)
            {
                return true;
            }
        }

        return false;
    }
}
