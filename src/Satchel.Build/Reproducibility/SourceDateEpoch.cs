using System.Globalization;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Reproducibility;

/// <summary>
/// The build's notion of "now" (https://reproducible-builds.org/specs/source-date-epoch/):
/// SOURCE_DATE_EPOCH when set, else a fixed epoch, never the clock. Nothing in a payload carries
/// a file time; the value reaches pip and build back-ends (so wheels they build from local
/// projects have fixed zip times) and is recorded in the header's provenance field.
/// </summary>
public static class SourceDateEpoch
{
    public const string Variable = "SOURCE_DATE_EPOCH";

    /// <summary>1980-01-01T00:00:00Z: the earliest time a zip (and so a wheel) can store.</summary>
    public const long Default = 315532800;

    /// <summary>The epoch for a build run with <paramref name="variables"/> (the process environment by default).</summary>
    public static long Resolve(IReadOnlyDictionary<string, string>? variables = null)
    {
        var text = variables is null
            ? Environment.GetEnvironmentVariable(Variable)
            : variables.GetValueOrDefault(Variable);
        if (string.IsNullOrEmpty(text))
        {
            return Default;
        }

        // The spec asks for a decimal integer of seconds and for failing on anything else.
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new SatchelException(ExitCodes.Usage, $"{Variable}='{text}' is not a number of seconds since 1970; unset it or give an integer such as {Default}");
        }

        return value;
    }
}
