using System.Globalization;

namespace Satchel.Build.Resolution;

/// <summary>
/// Reads the numeric release part of a version string ("23.2.1", "24.1.dev0", "3.13.0rc1") for
/// ordering and minimum checks; anything after the release numbers is ignored.
/// </summary>
internal static class VersionText
{
    public static Version? ParseRelease(string text)
    {
        var parts = new List<int>();
        foreach (var piece in text.Trim().TrimStart('v', 'V').Split('.'))
        {
            var digits = piece.TakeWhile(char.IsAsciiDigit).Count();
            if (digits == 0 || !int.TryParse(piece.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                break;
            }

            parts.Add(number);
            if (digits < piece.Length || parts.Count == 4)
            {
                break;
            }
        }

        return parts.Count switch
        {
            0 => null,
            1 => new Version(parts[0], 0),
            2 => new Version(parts[0], parts[1]),
            3 => new Version(parts[0], parts[1], parts[2]),
            _ => new Version(parts[0], parts[1], parts[2], parts[3]),
        };
    }
}
