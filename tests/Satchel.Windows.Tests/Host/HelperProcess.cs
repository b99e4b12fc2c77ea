using System.Diagnostics;

namespace Satchel.Windows.Tests.Host;

/// <summary>
/// This program started again as one of its helpers (`helper MODE ...`): a second Windows
/// process, which is what holds files, extracts or supervises in these cases. Killed on dispose
/// if it is still running, so a failing case leaves no helper behind (the helper alone: the
/// launcher helpers' children live in a kill-on-close job of their own).
/// </summary>
internal sealed class HelperProcess : IDisposable
{
    private readonly Process _process;

    private HelperProcess(Process process) => _process = process;

    public static string Executable => Environment.ProcessPath ?? throw new InvalidOperationException("no path for this program");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static HelperProcess Start(string mode, IReadOnlyList<string> args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Executable) { UseShellExecute = false };
        start.ArgumentList.Add("helper");
        start.ArgumentList.Add(mode);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new HelperProcess(Process.Start(start) ?? throw new InvalidOperationException($"cannot start helper {mode}"));
    }

    /// <summary>Waits for the helper to end; its exit code (the full 32 bits Windows keeps).</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            throw new TimeoutException($"helper {_process.Id} still running after {timeout.TotalSeconds} s");
        }

        return _process.ExitCode;
    }

    /// <summary>Ends the helper with TerminateProcess, as a crash or Task Manager would.</summary>
    public void Terminate()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
