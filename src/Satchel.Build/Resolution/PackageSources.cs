namespace Satchel.Build.Resolution;

/// <summary>
/// Where pip finds distributions, in pip's own terms: the same for `satchel build` and
/// `satchel lock`, for the resolution, for fetching the pinned wheels, and for build dependencies.
/// </summary>
public sealed record PackageSources
{
    /// <summary>pip -f: folders of wheels and sdists, or URLs of pages linking to them.</summary>
    public IReadOnlyList<string> FindLinks { get; init; } = [];

    /// <summary>pip --index-url; pip's default (PyPI) when null.</summary>
    public string? IndexUrl { get; init; }

    /// <summary>pip --extra-index-url: indexes searched besides <see cref="IndexUrl"/>.</summary>
    public IReadOnlyList<string> ExtraIndexUrls { get; init; } = [];

    /// <summary>pip --trusted-host: hosts allowed over plain http or with a certificate pip cannot verify.</summary>
    public IReadOnlyList<string> TrustedHosts { get; init; } = [];

    /// <summary>pip --no-index: use only find-links, local projects and wheel files.</summary>
    public bool NoIndex { get; init; }
}
