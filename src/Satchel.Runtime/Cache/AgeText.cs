using System.Globalization;

namespace Satchel.Runtime.Cache;

/// <summary>
/// Ages as `satchel cache` reads and writes them: "30d", "12h", "1d12h", "90m", "45s", "2w".
/// Integer arithmetic only, like <see cref="Diagnostics.DurationText"/>.
/// </summary>
public static class AgeText
{
    /// <summary>Parses one or more NUMBER UNIT groups (units w, d, h, m, s); null when malformed. Zero ("0s") is an age: everything not in use is older.</summary>
    public static TimeSpan? Parse(string text)
    {
        long seconds = 0;
        long number = -1;
        var groups = 0;
        foreach (var c in text.Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                number = (number < 0 ? 0 : number) * 10 + (c - '0');
                if (number > 100L * 365 * 24 * 3600)
                {
                    return null;
                }

                continue;
            }

            var unit = char.ToLowerInvariant(c) switch
            {
                'w' => 7L * 24 * 3600,
                'd' => 24L * 3600,
                'h' => 3600L,
                'm' => 60L,
                's' => 1L,
                _ => 0L,
            };
            if (unit == 0 || number < 0)
            {
                return null;
            }

            seconds += number * unit;
            number = -1;
            groups++;
        }

        return number >= 0 || groups == 0 ? null : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>"3d 4h", "12m", "just now": the largest two units.</summary>
    public static string Format(TimeSpan age)
    {
        var seconds = Math.Max(0, (long)age.TotalSeconds);
        if (seconds < 60)
        {
            return "just now";
        }

        var days = seconds / 86400;
        var hours = seconds % 86400 / 3600;
        var minutes = seconds % 3600 / 60;
        return days > 0 ? $"{Invariant(days)}d {Invariant(hours)}h"
            : hours > 0 ? $"{Invariant(hours)}h {Invariant(minutes)}m"
            : $"{Invariant(minutes)}m";
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
