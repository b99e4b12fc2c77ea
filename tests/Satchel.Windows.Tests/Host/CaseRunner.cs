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
            Console.WriteLine(line);
            report?.WriteLine(line);
        }

        // The console-event cases send Ctrl-C to every process of the console, this one included.
        Helpers.ConsoleControl.Catch();
        int passed = 0, failed = 0, skipped = 0;
        var cases = Cases(filter);
        foreach (var method in cases)
        {
            var outcome = RunIsolated(method);
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

        var outcome = File.ReadAllText(outcomeFile);
        File.Delete(outcomeFile);
        return outcome;
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
