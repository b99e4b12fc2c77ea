using System.Globalization;

namespace Satchel.Runtime.Configuration;

/// <summary>Reads Satchel's environment variables, with the documented defaults when unset or malformed.</summary>
public static class Settings
{
    public static bool Flag(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return value is not null && value is not ("" or "0" or "false" or "no" or "off");
    }

    public static string? Text(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public static TimeSpan Seconds(string name, TimeSpan fallback)
    {
        var value = Text(name);
        return value is not null && Diagnostics.DurationText.ParseSeconds(value) is { } seconds ? seconds : fallback;
    }
}
