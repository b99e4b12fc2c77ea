using System.Reflection;

namespace Satchel.Build.Reproducibility;

/// <summary>
/// The satchel version recorded in a payload: the informational version of this assembly (the
/// package version, plus the source commit when the SDK knows it). Fixed for a given build of
/// satchel, so it is a reproducibility input, not noise.
/// </summary>
public static class SatchelVersion
{
    public static string Current { get; } =
        typeof(SatchelVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SatchelVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
