using System.Globalization;

namespace Satchel.Runtime.Diagnostics;

/// <summary>
/// Durations written and read with integer arithmetic only. Formatting or parsing a double
/// links .NET's floating-point number formatting into the launcher, about 100 KB added to every
/// app for a few log lines.
/// </summary>
public static class DurationText
{
    /// <summary>"12.345 ms".</summary>
    public static string Milliseconds(TimeSpan duration)
    {
        var micros = Math.Max(0, duration.Ticks / 10);
        return (micros / 1000).ToString(CultureInfo.InvariantCulture) + "." + (micros % 1000).ToString("D3", CultureInfo.InvariantCulture) + " ms";
    }

    /// <summary>"10 ms".</summary>
    public static string WholeMilliseconds(TimeSpan duration) =>
        Math.Max(0, duration.Ticks / TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture) + " ms";

    /// <summary>"1235 us": rounded half away from zero, as a double formatted with "0" would be.</summary>
    public static string WholeMicroseconds(TimeSpan duration) =>
        ((Math.Max(0, duration.Ticks) + (TimeSpan.TicksPerMicrosecond / 2)) / TimeSpan.TicksPerMicrosecond).ToString(CultureInfo.InvariantCulture) + " us";

    /// <summary>"1.5 s".</summary>
    public static string Seconds(TimeSpan duration)
    {
        var tenths = Math.Max(0, duration.Ticks / (TimeSpan.TicksPerSecond / 10));
        return (tenths / 10).ToString(CultureInfo.InvariantCulture) + "." + (tenths % 10).ToString(CultureInfo.InvariantCulture) + " s";
    }

    /// <summary>Parses non-negative decimal seconds ("10", "0.5"); null when malformed.</summary>
    public static TimeSpan? ParseSeconds(string text)
    {
        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? string.Empty : text[(dot + 1)..];
        if ((whole.Length == 0 && fraction.Length == 0) || whole.AsSpan().ContainsAnyExceptInRange('0', '9') || fraction.AsSpan().ContainsAnyExceptInRange('0', '9') || whole.Length > 9)
        {
            return null;
        }

        var seconds = whole.Length == 0 ? 0 : long.Parse(whole, CultureInfo.InvariantCulture);
        var fractionTicks = 0L;
        var scale = TimeSpan.TicksPerSecond / 10;
        foreach (var digit in fraction.AsSpan(0, Math.Min(fraction.Length, 7)))
        {
            fractionTicks += (digit - '0') * scale;
            scale /= 10;
        }

        return TimeSpan.FromTicks(seconds * TimeSpan.TicksPerSecond + fractionTicks);
    }
}
