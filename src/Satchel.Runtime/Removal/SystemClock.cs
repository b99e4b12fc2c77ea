using System.Diagnostics;

namespace Satchel.Runtime.Removal;

/// <summary>The real clock: Stopwatch time and a blocking sleep.</summary>
public sealed class SystemClock : IClock
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    public static SystemClock Instance { get; } = new();

    public TimeSpan Now => Stopwatch.GetElapsedTime(_origin);

    public void Sleep(TimeSpan duration) => Thread.Sleep(duration);
}
