using System.Diagnostics;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Safety;

/// <summary>
/// A build stopped by a signal cleans up: SIGINT during resolution, installation and compression
/// of the awscli set, each sent when the stage's first file appears in the staging directory
/// (no sleeps), ends with exit 130, one line, and nothing beside -o but what was there before;
/// SIGTERM and SIGHUP during a pack's compression give 143 and 129 likewise.
/// </summary>
public sealed class InterruptionTests(AwscliWheelsFixture aws) : IClassFixture<AwscliWheelsFixture>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);
    private readonly TempDirectory _dir = new("satchel-interrupt");

    private string OutDirectory => _dir.Combine("out");

    [Theory]
    [InlineData("resolve/logs/pip-resolve.log")]
    [InlineData("wheels")]
    [InlineData(".aws.satchel-tmp-*")]
    public void Sigint_during_a_build_removes_the_staging_directory_and_exits_130(string trigger)
    {
        _dir.Write("out/previous.txt", "kept\n");
        var output = Path.Combine(OutDirectory, "aws");

        var result = RunAndSignal(
            ["build", "--python", RealPythons.Python311, "--no-index", "-f", aws.Wheels, "awscli", "-m", "awscli", "-o", output],
            output + ".satchel-build", trigger, signal: 2);

        Assert.True(result.ExitCode == 130, result.ToString());
        AssertOneInterruptionLine(result, "SIGINT");
        Assert.Equal(["previous.txt"], Directory.EnumerateFileSystemEntries(OutDirectory).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(15, "SIGTERM", 143)]
    [InlineData(1, "SIGHUP", 129)]
    public void Sigterm_and_sighup_during_a_pack_remove_the_staging_directory(int signal, string name, int exitCode)
    {
        // Incompressible data at Brotli's slowest level: compression takes seconds, so the signal
        // lands while it runs.
        var random = new Random(15);
        for (var i = 0; i < 16; i++)
        {
            var bytes = new byte[1 << 20];
            random.NextBytes(bytes);
            Directory.CreateDirectory(_dir.Combine("tree"));
            File.WriteAllBytes(_dir.Combine("tree", $"blob{i:D2}"), bytes);
        }

        _dir.Write("tree/run.sh", "#!/bin/sh\nexit 0\n", executable: true);
        Directory.CreateDirectory(OutDirectory);
        var output = Path.Combine(OutDirectory, "packed");

        var result = RunAndSignal(
            ["pack", _dir.Combine("tree"), "--entry", "run.sh", "-o", output, "--compression-level", "11"],
            output + ".satchel-build", ".packed.satchel-tmp-*", signal);

        Assert.True(result.ExitCode == exitCode, result.ToString());
        AssertOneInterruptionLine(result, name);
        Assert.Empty(Directory.EnumerateFileSystemEntries(OutDirectory));
    }

    private static void AssertOneInterruptionLine(ProcessResult result, string signal)
    {
        var last = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty;
        Assert.True(last.StartsWith($"satchel: interrupted by {signal}", StringComparison.Ordinal), result.ToString());
        Assert.DoesNotContain("warning", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
    }

    /// <summary>Starts satchel, waits until <paramref name="trigger"/> (a name or pattern) appears in the staging directory, then signals it.</summary>
    private static ProcessResult RunAndSignal(string[] args, string staging, string trigger, int signal)
    {
        using var process = ProcessRunner.Start(SatchelCli.Binary, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        try
        {
            while (!Appeared(staging, trigger))
            {
                if (process.HasExited)
                {
                    Assert.Fail($"satchel ended before {trigger} appeared in {staging}:\n{new ProcessResult(process.ExitCode, stdout.Result, stderr.Result)}");
                }

                Assert.True(clock.Elapsed < Deadline, $"{trigger} did not appear in {staging} within {Deadline}");
                Thread.Sleep(10);
            }

            UnixSignals.Send(process.Id, signal);
            Assert.True(process.WaitForExit(Deadline), "satchel did not stop after the signal");
            process.WaitForExit();
            return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static bool Appeared(string staging, string trigger)
    {
        var directory = Path.Combine(staging, Path.GetDirectoryName(trigger) ?? string.Empty);
        try
        {
            return Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory, Path.GetFileName(trigger)).Any();
        }
        catch (DirectoryNotFoundException)
        {
            // Removed between the two calls: the build ended; the caller sees it exit.
            return false;
        }
    }

    public void Dispose() => _dir.Dispose();
}
