using Satchel.Build.Wheels;

namespace Satchel.Build.Locking;

/// <summary>
/// One package of a lock: name, version and its wheel, with the source it was found in: the
/// simple index's URL (PEP 751 `index`) or the find-links location (recorded under
/// `[packages.tool.satchel]`, since PEP 751 has no key for it).
/// </summary>
public sealed record LockedPackage(string Name, string Version, LockedWheel Wheel, string? Index, string? FindLinks)
{
    public string NormalizedName => ProjectName.Normalize(Name);
}
