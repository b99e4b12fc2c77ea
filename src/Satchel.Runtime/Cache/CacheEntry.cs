namespace Satchel.Runtime.Cache;

/// <summary>What a cache directory holds.</summary>
public enum CacheEntryKind
{
    Unit,
    Venv,

    /// <summary>An entry of the build cache (docs/cache-layout.md, "The build cache"): an installed wheel, a compressed unit, bytecode or a resolution.</summary>
    Build,
}

/// <summary>
/// One unit, venv or build cache directory of the cache as `satchel cache list` shows it: size on disk, last
/// use (the newest record of an app that uses it, else when it was made) and the apps that use it.
/// </summary>
public sealed record CacheEntry(
    CacheEntryKind Kind,
    string Name,
    string Path,
    string Label,
    bool Complete,
    long Bytes,
    DateTime LastUseUtc,
    IReadOnlyList<string> Apps)
{
    public string LockPath => Path + ".lock";
}
