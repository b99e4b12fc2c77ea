using Satchel.Build.Wheels;

namespace Satchel.Build.Locking;

/// <summary>
/// One package of a lock: name, version and either its wheel, with the source it was found in
/// (the simple index's URL, PEP 751 `index`, or the find-links location, recorded under
/// `[packages.tool.satchel]` since PEP 751 has no key for it), or, for a local project, its
/// directory (PEP 751 `[packages.directory]`, relative to the lock's directory), which is built
/// again at build time.
/// </summary>
public sealed record LockedPackage(string Name, string Version, LockedWheel? Wheel, string? Index, string? FindLinks, string? Directory = null)
{
    public string NormalizedName => ProjectName.Normalize(Name);
}
