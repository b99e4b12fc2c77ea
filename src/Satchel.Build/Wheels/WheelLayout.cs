using Satchel.Runtime.Format;

namespace Satchel.Build.Wheels;

/// <summary>
/// Where an archive member lands in an installed wheel tree (docs/wheels.md). The tree must not
/// depend on any interpreter, so instead of a scheme's real paths it has one directory per kind:
/// purelib and platlib both go to site-packages, and the .data directory's scripts, data and
/// headers keep their own directories for the venv assembly to place.
/// </summary>
public static class WheelLayout
{
    public const string SitePackages = UnitLayout.SitePackages;
    public const string Scripts = UnitLayout.Scripts;
    public const string Data = UnitLayout.Data;
    public const string Headers = UnitLayout.Headers;

    /// <summary>The name pip and Satchel write into *.dist-info/INSTALLER.</summary>
    public const string InstallerName = "satchel";

    private static readonly Dictionary<string, string> DataSchemes = new(StringComparer.Ordinal)
    {
        ["purelib"] = SitePackages,
        ["platlib"] = SitePackages,
        [Scripts] = Scripts,
        [Data] = Data,
        [Headers] = Headers,
    };

    /// <summary>
    /// The tree-relative destination of a (validated) member path, or null with a reason when
    /// the member sits in the .data directory but in no known scheme.
    /// </summary>
    public static string? Destination(string memberPath, string dataDirectory, out string? problem)
    {
        problem = null;
        var prefix = dataDirectory + "/";
        if (!memberPath.StartsWith(prefix, StringComparison.Ordinal))
        {
            return SitePackages + "/" + memberPath;
        }

        var rest = memberPath[prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !DataSchemes.TryGetValue(rest[..slash], out var scheme))
        {
            problem = $"the member is in {dataDirectory} but not under one of purelib, platlib, scripts, data, headers";
            return null;
        }

        return scheme + "/" + rest[(slash + 1)..];
    }
}
