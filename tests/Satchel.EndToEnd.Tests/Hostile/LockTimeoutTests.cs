using System.Diagnostics;
using Satchel.Runtime.Cache;
using Satchel.Runtime.Errors;
using Satchel.Testing;
using Satchel.Testing.Payloads;
using Xunit;

namespace Satchel.EndToEnd.Tests.Hostile;

/// <summary>
/// A process that takes a unit's lock and hangs: the launcher must give up after
/// SATCHEL_LOCK_TIMEOUT seconds with exit 75 and one line naming the lock file and, when the
/// holder wrote it there, the holder's pid; once the holder is gone the next run extracts.
/// </summary>
public sealed class LockTimeoutTests(SampleApp sample) : IClassFixture<SampleApp>, IDisposable
{
    /// <summary>Takes an exclusive flock on argv[1], writes its pid into it the way satchel does, and hangs.</summary>
    private const string PythonHolder = """
        import fcntl, os, sys, time
        fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, str(os.getpid()).ljust(12).encode() + b"\n")
        print("locked", flush=True)
        time.sleep(300)
        """;

    private readonly TempDirectory _dir = new("satchel-lock");

    private string Root => _dir.Combine("cache");

    private string LockPath => Path.Combine(Root, CacheLayout.Schema, "units", sample.KeyHex + ".lock");

    [Fact]
    public void Hung_holder_that_wrote_its_pid_is_named_after_the_timeout()
    {
        CreateUnitsDirectory();
        using var holder = StartHolder("python3", ["-c", PythonHolder, LockPath]);

        AssertTimesOutThenExtracts(holder, $"waiting for lock {LockPath} (held by pid {holder.Id})");
    }

    [Fact]
    public void Hung_holder_that_wrote_nothing_still_gets_a_clean_message_naming_the_lock()
    {
        CreateUnitsDirectory();
        File.WriteAllText(LockPath, string.Empty);
        File.SetUnixFileMode(LockPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // util-linux flock(1) holds the lock for its child and writes nothing into the file.
        using var holder = StartHolder("flock", ["-x", LockPath, "sh", "-c", "echo locked; exec sleep 300"]);

        AssertTimesOutThenExtracts(holder, $"waiting for lock {LockPath};");
    }

    /// <summary>With the holder hanging, a run gives up after 1 s; once the holder is stopped, the next run extracts.</summary>
    private void AssertTimesOutThenExtracts(Process holder, string reason)
    {
        try
        {
            var result = LauncherRun.Run(sample.Path, Root, new Dictionary<string, string?> { ["SATCHEL_LOCK_TIMEOUT"] = "1" });

            LauncherRun.AssertCleanFailure(result, ExitCodes.TempFail, reason);
            Assert.Contains("raise SATCHEL_LOCK_TIMEOUT", result.StdErr, StringComparison.Ordinal);
            CacheAudit.AssertOnlyLocks(Root);
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }

        var next = LauncherRun.Run(sample.Path, Root, new Dictionary<string, string?> { ["SATCHEL_LOCK_TIMEOUT"] = "10" });
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Equal($"{SampleApp.Output}\n", next.StdOut);
        Assert.Equal([sample.KeyHex], CacheAudit.AssertConsistent(Root, sample.Known));
    }

    /// <summary>Starts the holder and waits until it says it holds the lock.</summary>
    private static Process StartHolder(string program, string[] args)
    {
        var holder = ProcessRunner.Start(program, args);
        var line = holder.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        Assert.Equal("locked", line);
        return holder;
    }

    private void CreateUnitsDirectory()
    {
        foreach (var dir in new[] { Root, Path.Combine(Root, CacheLayout.Schema), Path.GetDirectoryName(LockPath)! })
        {
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => _dir.Dispose();
}
