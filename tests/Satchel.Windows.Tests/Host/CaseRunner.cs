using System.Diagnostics;
using System.Reflection;

namespace Satchel.Windows.Tests.Host;

/// <summary>
/// Runs the cases one after the other (they start processes and hold files: running them in
/// parallel would only make a slow Wine slower), each in a process of its own (`--case NAME`), so a
/// case that crashes or takes its process down is one failure, not the end of the run; prints one
/// line per case and the totals.
/// </summary>
internal static class CaseRunner
{
    public static int Run(string? filter, string? results)
    {
        using var report = results is null ? null : new StreamWriter(results) { AutoFlush = true };
        void Report(string line)
        {
            report?.WriteLine(line);
            try
            {
                Console.WriteLine(line);
            }
            catch (IOException)
            {
                // Wine's console under script(1) is only for watching; the results file is what counts.
            }
        }

        // Whatever still ends this process says so in the results, which CI prints (the console log it does not).
        AppDomain.CurrentDomain.UnhandledException += (_, e) => report?.WriteLine($"runner: unhandled exception: {e.ExceptionObject}".ReplaceLineEndings(" | "));

        // The console-event cases send Ctrl-C to every process of the console, this one included.
        Helpers.ConsoleControl.Catch();
        int passed = 0, failed = 0, skipped = 0;
        var cases = Cases(filter);
        foreach (var method in cases)
        {
            var outcome = RunGuarded(method);
            Report(outcome);
            _ = outcome.StartsWith("PASS", StringComparison.Ordinal) ? passed++ : outcome.StartsWith("SKIP", StringComparison.Ordinal) ? skipped++ : failed++;
        }

        Report($"{passed} passed, {failed} failed, {skipped} skipped");
        return failed > 0 || cases.Count == 0 ? 1 : 0;
    }

    /// <summary>`--case NAME OUTCOME-FILE`: runs one case in this process and writes its outcome line.</summary>
    public static int RunOne(string name, string outcomeFile)
    {
        var method = Cases(null).Single(m => Name(m) == name);
        var clock = Stopwatch.StartNew();
        string outcome;
        try
        {
            method.Invoke(null, null);
            outcome = $"PASS {name} ({clock.Elapsed.TotalSeconds:0.0} s)";
        }
        catch (TargetInvocationException e) when (e.InnerException is CaseSkippedException skip)
        {
            outcome = $"SKIP {name}: {skip.Message}";
        }
        catch (TargetInvocationException e)
        {
            outcome = $"FAIL {name} ({clock.Elapsed.TotalSeconds:0.0} s): {e.InnerException}";
        }

        File.WriteAllText(outcomeFile, outcome);
        return outcome.StartsWith("FAIL", StringComparison.Ordinal) ? 1 : 0;
    }

    /// <summary>
    /// A fault in running a case (starting its process, reading its outcome) is that case's failure,
    /// with the exception in the line, not the end of the run: under a busy Wine a file the case just
    /// wrote can still be held for a moment, and an unhandled exception here once ended the whole run
    /// with exit 82 (0xE0434352 cut to 8 bits) and no line saying which case or why.
    /// </summary>
    private static string RunGuarded(MethodInfo method)
    {
        try
        {
            return RunIsolated(method);
        }
#pragma warning disable CA1031 // any fault of the runner is reported as the case's failure, by design
        catch (Exception e)
#pragma warning restore CA1031
        {
            return $"FAIL {Name(method)}: the runner could not run it: {e}".ReplaceLineEndings(" | ");
        }
    }

    private static string RunIsolated(MethodInfo method)
    {
        var name = Name(method);
        var outcomeFile = Path.Combine(Path.GetTempPath(), $"satchel-wine-case-{Guid.NewGuid():N}.txt");
        var clock = Stopwatch.StartNew();
        var start = new ProcessStartInfo(HelperProcess.Executable) { UseShellExecute = false };
        foreach (var arg in new[] { "--case", name, outcomeFile })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill();
            return $"FAIL {name}: still running after 5 minutes";
        }

        if (!File.Exists(outcomeFile))
        {
            return $"FAIL {name} ({clock.Elapsed.TotalSeconds:0.0} s): its process ended with exit code {process.ExitCode} (0x{process.ExitCode:X8}) without an outcome";
        }

        var outcome = ReadOutcome(outcomeFile);
        try
        {
            File.Delete(outcomeFile);
        }
        catch (IOException)
        {
            // Left in the temporary directory: harmless, and not worth failing a case that passed.
        }

        return outcome;
    }

    /// <summary>The case's outcome line; retried for a few seconds while Wine still holds the file the ended process wrote.</summary>
    private static string ReadOutcome(string outcomeFile)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return File.ReadAllText(outcomeFile);
            }
            catch (IOException) when (attempt < 50)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static List<MethodInfo> Cases(string? filter)
    {
        var cases = new List<MethodInfo>();
        foreach (var type in typeof(CaseRunner).Assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static))
            {
                if (method.GetCustomAttribute<WindowsCaseAttribute>() is not null
                    && (filter is null || Name(method).Contains(filter, StringComparison.OrdinalIgnoreCase)))
                {
                    cases.Add(method);
                }
            }
        }

        cases.Sort((a, b) => string.CompareOrdinal(Name(a), Name(b)));
        return cases;
    }

    private static string Name(MethodInfo method) => $"{method.DeclaringType!.Name}.{method.Name}";
}
