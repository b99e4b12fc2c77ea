using System.Diagnostics;
using System.Globalization;

namespace Satchel.Testing.Faults;

/// <summary>
/// A real tmpfs mounted on a directory (root only): a directory that cannot be removed (EBUSY)
/// or renamed until it is unmounted. Its source name is unique, so it can be unmounted by name
/// even after the tree around it was moved. Disposing always unmounts it.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private Process? _unmounter;

    private TmpfsMount(string source, string target)
    {
        Source = source;
        Target = target;
    }

    /// <summary>The unique source name, as /proc/mounts shows it.</summary>
    public string Source { get; }

    /// <summary>Where it was mounted (the tree may have moved since).</summary>
    public string Target { get; }

    public bool IsMounted => File.ReadLines("/proc/mounts").Any(line => line.StartsWith(Source + " ", StringComparison.Ordinal));

    public static TmpfsMount Create(string target)
    {
        Directory.CreateDirectory(target);
        var source = "satchel-test-" + Guid.NewGuid().ToString("N")[..12];
        Run("mount", "-t", "tmpfs", "-o", "size=1m", source, target);
        return new TmpfsMount(source, target);
    }

    /// <summary>A background process unmounts it after <paramref name="delay"/>; it first records whether a marker file inside was still there.</summary>
    public void UnmountLater(TimeSpan delay, string? markerInside = null)
    {
        var seconds = delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var check = markerInside is null
            ? string.Empty
            : $"target=$(awk '$1 == \"{Source}\" {{ print $2 }}' /proc/mounts); if [ -e \"$target/{markerInside}\" ]; then echo marker-kept; else echo marker-gone; fi; ";
        _unmounter = ProcessRunner.Start("/bin/sh", ["-c", $"sleep {seconds}; {check}umount {Source}"]);
    }

    /// <summary>Waits for the background unmount and returns what it printed.</summary>
    public string WaitForUnmount()
    {
        if (_unmounter is null)
        {
            return string.Empty;
        }

        var output = _unmounter.StandardOutput.ReadToEnd();
        _unmounter.WaitForExit();
        return output;
    }

    public void Dispose()
    {
        if (_unmounter is { } process)
        {
            process.WaitForExit();
            process.Dispose();
            _unmounter = null;
        }

        if (IsMounted)
        {
            ProcessRunner.Run("umount", ["-l", Source]);
        }
    }

    private static void Run(string program, params string[] args)
    {
        var result = ProcessRunner.Run(program, args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {result}");
        }
    }
}
