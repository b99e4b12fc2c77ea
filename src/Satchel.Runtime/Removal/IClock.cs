namespace Satchel.Runtime.Removal;

/// <summary>Monotonic time and waiting, so the back-off runs on a fake clock in tests.</summary>
public interface IClock
{
    /// <summary>Time elapsed since an arbitrary fixed point; only differences mean anything.</summary>
    TimeSpan Now { get; }

    void Sleep(TimeSpan duration);
}
