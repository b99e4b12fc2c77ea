namespace Satchel.Build.Resolution;

/// <summary>
/// The parts of a wheel's file name (PEP 427): {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl.
/// Dashes inside the name and version are escaped to underscores by wheel builders, so the split is unambiguous.
/// </summary>
public sealed record WheelFileName(string Distribution, string Version, string? Build, string PythonTag, string AbiTag, string PlatformTag)
{
    public string NormalizedName => PackageName.Normalize(Distribution);

    public static WheelFileName? TryParse(string fileName)
    {
        var name = Path.GetFileName(fileName);
        if (!name.EndsWith(".whl", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parts = name[..^4].Split('-');
        return parts.Length switch
        {
            5 when parts.All(p => p.Length > 0) => new WheelFileName(parts[0], parts[1], null, parts[2], parts[3], parts[4]),
            6 when parts.All(p => p.Length > 0) => new WheelFileName(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]),
            _ => null,
        };
    }
}
