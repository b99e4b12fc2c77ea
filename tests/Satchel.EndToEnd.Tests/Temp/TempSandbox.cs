using System.Diagnostics;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Temp;

/// <summary>
/// One temp-mode test's world: a private TMPDIR (so runs of other tests never mix in), a private
/// cache root, apps packed from shell scripts with `--extract temp`, and real signals.
/// </summary>
public sealed class TempSandbox : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-tempmode");

    public TempSandbox()
    {
        Directory.CreateDirectory(TmpDir);
    }

    public string TmpDir => _dir.Combine("tmp");

    public string CacheRoot => _dir.Combine("cache");

    public string Combine(params string[] parts) => _dir.Combine(parts);

    public Dictionary<string, string?> Env(params (string Key, string? Value)[] extra)
    {
        var env = new Dictionary<string, string?>
        {
            ["TMPDIR"] = TmpDir,
            ["SATCHEL_ROOT"] = CacheRoot,
            ["SATCHEL_TEMP"] = null,
            ["SATCHEL_EXTRACT"] = null,
            ["SATCHEL_VERBOSE"] = null,
        };
        foreach (var (key, value) in extra)
        {
            env[key] = value;
        }

        return env;
    }

    /// <summary>Packs a `/bin/sh` script as an app; extra `satchel pack` options (default: --extract temp).</summary>
    public string Pack(string name, string script, params string[] options)
    {
        _dir.Write($"{name}-src/run.sh", "#!/bin/sh\n" + script, executable: true);
        var output = _dir.Combine(name);
        string[] mode = options.Length == 0 ? ["--extract", "temp"] : options;
        var result = SatchelCli.Run(["pack", _dir.Combine($"{name}-src"), "--entry", "run.sh", "-o", output, "--quiet", .. mode]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }

    public ProcessResult Run(string app, IEnumerable<string>? args = null, params (string Key, string? Value)[] extra) =>
        ProcessRunner.Run(app, args ?? [], Env(extra), timeout: TimeSpan.FromMinutes(2));

    public Process Start(string app, IEnumerable<string>? args = null, params (string Key, string? Value)[] extra) =>
        ProcessRunner.Start(app, args ?? [], Env(extra));

    /// <summary>Everything left in the private TMPDIR.</summary>
    public string[] Leftovers() => Directory.GetFileSystemEntries(TmpDir);

    /// <summary>Waits until <paramref name="path"/> exists (the app says it is ready), failing after a minute.</summary>
    public static void WaitFor(string path, Process? process = null)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            if (process is { HasExited: true })
            {
                Assert.Fail($"the app ended (exit {process.ExitCode}) before {path} appeared: {process.StandardError.ReadToEnd()}");
            }

            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"{path} never appeared");
            Thread.Sleep(20);
        }
    }

    /// <summary>Sends a real signal (kill(2)); a negative pid is a process group.</summary>
    public static void Signal(int pid, int signal) => UnixSignals.Send(pid, signal);

    public static ProcessResult Finish(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "the launcher did not end");
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose()
    {
        if (RootPrivileges.IsRoot)
        {
            // A test that made a file immutable, or mounted something, must not break the clean-up.
            _ = ProcessRunner.Run("chattr", ["-R", "-i", _dir.Path], timeout: TimeSpan.FromMinutes(1));
        }

        _dir.Dispose();
    }
}
