using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Satchel.Build.Interruption;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Resolution;

/// <summary>What a finished helper process (python, pip, pyenv) printed and how it ended.</summary>
internal sealed record ProcessOutcome(int ExitCode, string StdOut, string StdErr);

/// <summary>
/// Runs a helper program with an explicit environment and captures its output. Each line can
/// also be passed on as it arrives, so --verbose shows a long pip run live instead of at the end.
/// </summary>
internal static class CapturedProcess
{
    public static ProcessOutcome Run(
        string program,
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string> environment,
        string workingDirectory,
        Action<string>? onLine = null,
        TimeSpan? timeout = null,
        CancellationToken cancellation = default)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The child gets exactly the environment it was given: isolation from the user's pip and
        // Python settings is the caller's decision, made once, not a merge with whatever is set here.
        start.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Collect(stdout, e.Data, onLine);
        process.ErrorDataReceived += (_, e) => Collect(stderr, e.Data, onLine);
        BuildInterruption.ThrowIfRequested();
        cancellation.ThrowIfCancellationRequested();
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new SatchelException(ExitCodes.Unavailable, $"cannot run {program}: {IoErrors.Describe(e)}; check the path or pass --python PATH");
        }

        // Nothing here ever reads from stdin; a closed stdin makes a prompt fail instead of hang.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // A stop request (SIGINT/SIGTERM/SIGHUP) kills the helper and its children at once: pip
        // may be minutes into a download or a build back-end, and only a signal sent to the whole
        // terminal's process group would reach it otherwise. So does the caller's cancellation
        // (another interpreter's resolution failed): each helper registers itself, so however many
        // run at once, every one is killed. A registration made after the cancel runs at once.
        using (BuildInterruption.Token.Register(() => KillQuietly(process)))
        using (cancellation.Register(() => KillQuietly(process)))
        {
            if (!process.WaitForExit(timeout ?? Timeout.InfiniteTimeSpan))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                BuildInterruption.ThrowIfRequested();
                cancellation.ThrowIfCancellationRequested();
                throw new SatchelException(ExitCodes.TempFail,
                    $"{program} did not finish within {timeout!.Value.TotalSeconds:0} s and was stopped; check that it is a working interpreter or pass --python PATH (SATCHEL_PROBE_TIMEOUT sets the limit in seconds)");
            }
        }

        // The parameterless wait also drains the asynchronous readers.
        process.WaitForExit();
        BuildInterruption.ThrowIfRequested();
        cancellation.ThrowIfCancellationRequested();
        lock (stdout)
        {
            lock (stderr)
            {
                return new ProcessOutcome(process.ExitCode, stdout.ToString(), stderr.ToString());
            }
        }
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }
    }

    private static void Collect(StringBuilder buffer, string? line, Action<string>? onLine)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }

        onLine?.Invoke(line);
    }
}
