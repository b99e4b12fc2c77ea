using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Satchel.Runtime.Diagnostics;

/// <summary>
/// Lines for `SATCHEL_VERBOSE=1` / `--verbose`: what was decided and how long it took, on
/// stderr so the app's own output stays clean. Disabled, a line costs one branch: its
/// interpolated message is never formatted (see <see cref="LineHandler"/>).
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
            Write(message);
        }
    }

    /// <summary>
    /// The interpolated form: the compiler asks <see cref="LineHandler"/> first, and a disabled log
    /// skips every hole. Formatting on the launcher's warm path was not free: the first
    /// interpolation initialises the shared array pool, whose per-thread table seeds a random
    /// generator from /dev/urandom.
    /// </summary>
    public void Line([InterpolatedStringHandlerArgument("")] ref LineHandler message)
    {
        if (Enabled)
        {
            Write(message.ToStringAndClear());
        }
    }

    private void Write(string message)
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

    /// <summary>Builds a message only when the log is enabled.</summary>
    [InterpolatedStringHandler]
    public ref struct LineHandler
    {
        private DefaultInterpolatedStringHandler _inner;

        public LineHandler(int literalLength, int formattedCount, Log log, out bool isEnabled)
        {
            isEnabled = log.Enabled;
            _inner = isEnabled ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        }

        public void AppendLiteral(string value) => _inner.AppendLiteral(value);

        public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

        public void AppendFormatted<T>(T value, string? format) => _inner.AppendFormatted(value, format);

        public void AppendFormatted<T>(T value, int alignment) => _inner.AppendFormatted(value, alignment);

        public void AppendFormatted(string? value) => _inner.AppendFormatted(value);

        internal string ToStringAndClear() => _inner.ToStringAndClear();
    }
}
