namespace Satchel.Build.Resolution;

/// <summary>
/// What to resolve and where from, in pip's own terms. Relative paths are taken from
/// <see cref="BaseDirectory"/> (the current directory by default), which is also pip's working
/// directory, so paths inside requirement files mean what they mean to pip on the command line.
/// </summary>
public sealed record ResolveRequest
{
    /// <summary>Owned by the resolver: wheels/, report.json, logs/, the private pip cache and temp files go here.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>Requirement specifiers, e.g. "flask>=3" or "name @ https://…".</summary>
    public IReadOnlyList<string> Requirements { get; init; } = [];

    /// <summary>Requirement files (pip -r).</summary>
    public IReadOnlyList<string> RequirementFiles { get; init; } = [];

    /// <summary>Constraint files (pip -c): limit versions without requesting anything.</summary>
    public IReadOnlyList<string> ConstraintFiles { get; init; } = [];

    /// <summary>Directories with a pyproject.toml or setup.py, built into wheels by pip.</summary>
    public IReadOnlyList<string> LocalProjects { get; init; } = [];

    /// <summary>Wheel files to include as they are (their dependencies are resolved too).</summary>
    public IReadOnlyList<string> WheelFiles { get; init; } = [];

    /// <summary>pip -f: folders of wheels and sdists, or URLs of pages linking to them.</summary>
    public IReadOnlyList<string> FindLinks { get; init; } = [];

    /// <summary>pip --index-url; pip's default (PyPI) when null.</summary>
    public string? IndexUrl { get; init; }

    public IReadOnlyList<string> ExtraIndexUrls { get; init; } = [];

    /// <summary>pip --trusted-host: hosts allowed over plain http or with a certificate pip cannot verify.</summary>
    public IReadOnlyList<string> TrustedHosts { get; init; } = [];

    /// <summary>pip --no-index: use only find-links, local projects and wheel files.</summary>
    public bool NoIndex { get; init; }

    /// <summary>pip --require-hashes on the resolution: every requirement pinned with a hash that its artifact must match.</summary>
    public bool RequireHashes { get; init; }

    public string? BaseDirectory { get; init; }
}
