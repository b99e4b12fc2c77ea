using System.Text.Json;
using Satchel.Testing;
using Satchel.Windows.Tests.Helpers;
using Satchel.Windows.Tests.Host;
using Xunit;

namespace Satchel.Windows.Tests.Cases;

/// <summary>
/// Temp mode's launcher on Windows (TempLauncher with WindowsChild and the supervisor): the
/// child's command line, its exit code, console events, the grace period, a killed child, and
/// the run directory removed in every case.
/// </summary>
public static class LaunchCases
{
    /// <summary>Arguments that a naive join or a wrong backslash rule would change.</summary>
    private static readonly string[] HostileArguments =
    [
        "", "plain", "two words", "\"", "\"\"", "a\"b", "\"quoted\"", @"\", @"\\", @"a\", @"a\\", @"trailing backslash\",
        @"a\""b", @"a\\""b", @"\\server\share\", @"C:\Program Files\App\", "tab\there", "new\nline", "  ", "%PATH%", "^&|<>()",
        "ünïcødé ✓ 日本語", "end\\\"",
    ];

    /// <summary>
    /// Every hostile argument reaches the child unchanged: WindowsCommandLine's quoting through
    /// CreateProcess, split again by the child's CommandLineToArgvW.
    /// </summary>
    [WindowsCase]
    public static void ArgumentsRoundTripThroughCreateProcessAndCommandLineToArgvW()
    {
        using var scratch = new TempDirectory("satchel-wine");
        var output = scratch.Combine("argv.json");
        using var run = TempRun.Start(scratch.Path, TimeSpan.FromSeconds(30), ["argv", output, .. HostileArguments]);
        Assert.Equal(0, run.WaitForExit());
        var seen = JsonSerializer.Deserialize<List<string>>(File.ReadAllText(output))!;
        Assert.Equal([HelperProcess.Executable, "helper", "argv", output, .. HostileArguments], seen);
    }

    /// <summary>The cache mode's Windows path (ChildProcess, .NET's own quoting) passes the same arguments and the exit code.</summary>
    [WindowsCase]
    public static void CacheModeChildGetsTheSameArguments()
    {
        using var scratch = new TempDirectory("satchel-wine");
        var output = scratch.Combine("argv.json");
        var program = HelperProcess.Executable;
        var code = Satchel.Runtime.Launch.ChildProcess.RunAndWait(program, [program, "helper", "argv", output, .. HostileArguments], [], []);
        Assert.Equal(0, code);
        Assert.Equal([program, "helper", "argv", output, .. HostileArguments], JsonSerializer.Deserialize<List<string>>(File.ReadAllText(output))!);
    }

    /// <summary>Exit codes pass through the launcher whole: above 255, and negative NTSTATUS values.</summary>
    [WindowsCase]
    public static void ExitCodesPassThrough()
    {
        using var scratch = new TempDirectory("satchel-wine");
        foreach (var code in new[] { 3, 300, ChildModes.ControlCExit, unchecked((int)0xC0000005) })
        {
            var handshake = Directory.CreateDirectory(scratch.Combine($"exit-{code}")).FullName;
            using var run = TempRun.Start(handshake, TimeSpan.FromSeconds(30), "exit", code.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(code, run.WaitForExit());
        }
    }

    /// <summary>Ctrl-C reaches the app through the console; the app ends by it, the launcher ends the same way and removes the run directory.</summary>
    [WindowsCase]
    public static void CtrlCReachesTheAppAndTheRunDirectoryIsRemoved() =>
        ConsoleEventReachesTheApp(ConsoleControl.CtrlCEvent);

    /// <summary>The same for Ctrl-Break.</summary>
    [WindowsCase]
    public static void CtrlBreakReachesTheAppAndTheRunDirectoryIsRemoved() =>
        ConsoleEventReachesTheApp(ConsoleControl.CtrlBreakEvent);

    /// <summary>An app that ignores Ctrl-C is ended when the grace period is over (its job terminated, exit 1); the run directory is removed.</summary>
    [WindowsCase]
    public static void AppIgnoringCtrlCIsEndedAfterTheGracePeriod()
    {
        using var scratch = new TempDirectory("satchel-wine");
        var report = scratch.Combine("report.txt");
        using var run = TempRun.Start(scratch.Path, TimeSpan.FromSeconds(1), "await-ctrl-c", scratch.Path, report, "ignore");
        run.WaitUntilChildReady();
        SendOrSkip(ConsoleControl.CtrlCEvent, run);
        Assert.Equal(1, run.WaitForExit());
        Assert.Equal("event 0", File.ReadAllText(report));
    }

    /// <summary>The app killed from outside (TerminateProcess, exit code -1): the launcher ends with that code and removes the run directory.</summary>
    [WindowsCase]
    public static void KilledAppIsReportedAndTheRunDirectoryIsRemoved()
    {
        using var scratch = new TempDirectory("satchel-wine");
        using var run = TempRun.Start(scratch.Path, TimeSpan.FromSeconds(30), "await-ctrl-c", scratch.Path, scratch.Combine("report.txt"), "ignore");
        var pid = run.WaitUntilChildReady();
        Assert.True(Directory.Exists(run.RunDirectory));
        using (var app = System.Diagnostics.Process.GetProcessById(int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture)))
        {
            app.Kill();
        }

        Assert.Equal(-1, run.WaitForExit());
    }

    private static void ConsoleEventReachesTheApp(uint consoleEvent)
    {
        using var scratch = new TempDirectory("satchel-wine");
        var report = scratch.Combine("report.txt");
        using var run = TempRun.Start(scratch.Path, TimeSpan.FromSeconds(60), "await-ctrl-c", scratch.Path, report, "exit");
        run.WaitUntilChildReady();
        Assert.True(Directory.Exists(run.RunDirectory));
        SendOrSkip(consoleEvent, run);
        Assert.Equal(ChildModes.ControlCExit, run.WaitForExit());
        Assert.Equal($"event {consoleEvent}", File.ReadAllText(report));
    }

    /// <summary>
    /// Sends a console event to the whole console; this process catches it and carries on (for
    /// good: the event is delivered on a thread of its own, possibly after this returns, and each
    /// case runs in a process of its own). Without a console, or where Wine refuses the event, the
    /// case cannot run: skipped, saying why.
    /// </summary>
    private static void SendOrSkip(uint consoleEvent, TempRun run)
    {
        ConsoleControl.Catch();
        if (ConsoleControl.SendToConsole(consoleEvent) is var error and not 0)
        {
            run.Handshake.Release();
            run.WaitForExit();
            throw new CaseSkippedException($"GenerateConsoleCtrlEvent({(consoleEvent == 0 ? "CTRL_C_EVENT" : "CTRL_BREAK_EVENT")}) failed with error {error}"
                + (error == 12 ? " (no console: run under a terminal, as scripts/test-windows does with script(1))" : string.Empty));
        }
    }
}
