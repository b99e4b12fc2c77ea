using System.Diagnostics;

namespace Satchel.Runtime.Diagnostics;

/// <summary>Monotonic time and waiting, so the removal back-off and the temp-mode supervisor run on a fake clock in tests.</summary>
public interface IClock
{
    /// <summary>Time elapsed since an arbitrary fixed point; only differences mean anything.</summary>
    TimeSpan Now { get; }

    void Sleep(TimeSpan duration);
}

/// <summary>The real clock: Stopwatch time and a blocking sleep.</summary>
public sealed class SystemClock : IClock
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    public static SystemClock Instance { get; } = new();

    public TimeSpan Now => Stopwatch.GetElapsedTime(_origin);

    public void Sleep(TimeSpan duration) => Thread.Sleep(duration);
}
