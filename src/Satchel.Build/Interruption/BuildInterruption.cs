using Satchel.Runtime.Errors;

namespace Satchel.Build.Interruption;

/// <summary>
/// A request to stop the running build (SIGINT, SIGTERM, SIGHUP), process-wide because signals
/// are. The CLI's handler calls <see cref="Request"/>; the build stops at the next check (between
/// files, blocks and stages) or when the helper process it waits for is killed, and unwinds
/// normally: the staging directory is removed by its owner's Dispose on the same thread that
/// wrote into it, so nothing races the removal.
/// </summary>
public static class BuildInterruption
{
    private static readonly CancellationTokenSource Source = new();
    private static int _signal;
    private static string _signalName = string.Empty;

    /// <summary>Cancelled once a stop was requested: helper processes are killed on it.</summary>
    public static CancellationToken Token => Source.Token;

    public static bool IsRequested => Source.IsCancellationRequested;

    /// <summary>Asks the build to stop because of signal <paramref name="number"/> (its exit status becomes 128 + number).</summary>
    public static void Request(int number, string name)
    {
        if (Interlocked.CompareExchange(ref _signal, number, 0) == 0)
        {
            _signalName = name;
            Source.Cancel();
        }
    }

    /// <summary>Throws <see cref="BuildInterruptedException"/> when a stop was requested.</summary>
    public static void ThrowIfRequested()
    {
        if (Source.IsCancellationRequested)
        {
            throw new BuildInterruptedException(128 + Volatile.Read(ref _signal), _signalName);
        }
    }
}
