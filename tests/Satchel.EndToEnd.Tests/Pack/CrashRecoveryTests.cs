using System.Diagnostics;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Pack;

/// <summary>
/// kill -9 of the launcher at several points of a large extraction: the next run succeeds and
/// the cached copy is complete and identical to the source.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-crash");

    [Fact]
    public void Kill_9_during_extraction_then_the_next_run_completes_the_unit()
    {
        var src = _dir.Combine("src");
        var random = new Random(4);
        for (var i = 0; i < 1500; i++)
        {
            var bytes = new byte[random.Next(1000, 30_000)];
            random.NextBytes(bytes);
            var path = Path.Combine(src, $"d{i % 37}", $"f{i}.bin");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        _dir.Write("src/run.sh", "#!/bin/sh\necho ok\n", executable: true);
        var app = _dir.Combine("app");
        var pack = SatchelCli.Run(["pack", src, "--entry", "run.sh", "-o", app, "--compression-level", "1"]);
        Assert.True(pack.ExitCode == 0, pack.ToString());

        var root = _dir.Combine("root");
        var env = new Dictionary<string, string?> { ["SATCHEL_ROOT"] = root, ["SATCHEL_VERBOSE"] = null };
        var units = Path.Combine(root, "v1", "units");
        var killedMidway = 0;
        foreach (var filesBeforeKill in new[] { 0, 1, 50, 400, 1000 })
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }

            using var process = ProcessRunner.Start(app, [], env);
            if (KillWhenExtracted(process, units, filesBeforeKill))
            {
                killedMidway++;
            }

            process.WaitForExit();
            var next = ProcessRunner.Run(app, [], env);
            Assert.True(next.ExitCode == 0 && next.StdOut == "ok\n", next.ToString());
            var unit = Directory.GetDirectories(units).Single(d => !d.Contains(".work-"));
            Assert.Equal(TreeSnapshot.Take(src), TreeSnapshot.Take(Path.Combine(unit, "files")));
            Assert.DoesNotContain(Directory.GetDirectories(units), d => d.Contains(".work-"));
        }

        // The kills must really have landed during extraction for the test to mean anything.
        Assert.True(killedMidway >= 3, $"only {killedMidway} kills happened before the launcher finished");
    }

    /// <summary>
    /// Lets the launcher run in short steps, each ended by SIGSTOP, and kills it (while stopped)
    /// as soon as its work directory holds <paramref name="files"/> files: the count cannot run
    /// past the kill however the machine schedules the two processes. Returns whether the kill
    /// came before the launcher finished.
    /// </summary>
    private static bool KillWhenExtracted(Process process, string units, int files)
    {
        const int SIGSTOP = 19, SIGCONT = 18, SIGKILL = 9;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (process.HasExited)
            {
                return false;
            }

            UnixSignals.Send(process.Id, SIGSTOP);
            WaitUntilStopped(process);
            if (process.HasExited)
            {
                return false;
            }

            if (CountWorkFiles(units) >= files)
            {
                UnixSignals.Send(process.Id, SIGKILL);
                return true;
            }

            UnixSignals.Send(process.Id, SIGCONT);
            Thread.Sleep(1);
        }

        return false;
    }

    /// <summary>Waits until the kernel reports the process stopped (state T) or gone.</summary>
    private static void WaitUntilStopped(Process process)
    {
        var stat = $"/proc/{process.Id}/stat";
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            try
            {
                var text = File.ReadAllText(stat);
                var state = text[(text.LastIndexOf(')') + 2)..][0];
                if (state is 'T' or 't' or 'Z' or 'X')
                {
                    return;
                }
            }
            catch (IOException)
            {
                return; // gone
            }

            Thread.Yield();
        }
    }

    private static int CountWorkFiles(string units)
    {
        try
        {
            return Directory.Exists(units)
                ? Directory.GetDirectories(units, "*.work-*").Sum(w => Directory.EnumerateFiles(w, "*", SearchOption.AllDirectories).Count())
                : 0;
        }
        catch (IOException)
        {
            return 0; // the work directory was renamed while we counted
        }
    }


    public void Dispose() => _dir.Dispose();
}
