using System.Diagnostics;

namespace Satchel.Runtime.Diagnostics;

/// <summary>
/// Lines for `SATCHEL_VERBOSE=1` / `--verbose`: what was decided and how long it took, on
/// stderr so the app's own output stays clean. Disabled, it costs one branch per call.
/// </summary>
public sealed class Log(bool enabled, TextWriter? sink = null)
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public static Log Quiet { get; } = new(false);

    public bool Enabled { get; } = enabled;

    public void Line(string message)
    {
        if (Enabled)
        {
            var line = $"satchel: [{DurationText.Milliseconds(Stopwatch.GetElapsedTime(_start)),12}] {message}";
            if (sink is null)
            {
                StandardError.WriteLine(line);
            }
            else
            {
                sink.WriteLine(line);
            }
        }
    }
}
