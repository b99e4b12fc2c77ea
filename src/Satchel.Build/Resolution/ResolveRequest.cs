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

    /// <summary>Where pip finds distributions: find-links, indexes, trusted hosts, --no-index.</summary>
    public PackageSources PackageSources { get; init; } = new();

    /// <summary>pip --require-hashes on the resolution: every requirement pinned with a hash that its artifact must match.</summary>
    public bool RequireHashes { get; init; }

    public string? BaseDirectory { get; init; }

    /// <summary>
    /// Another platform than the build interpreter's (`--platform`): pip takes only wheels for it
    /// (--only-binary=:all:, --platform, --python-version, --implementation, --abi). Null resolves
    /// for the build interpreter itself. Local projects cannot be resolved that way: build them into
    /// wheels first (pip builds for the machine it runs on).
    /// </summary>
    public Wheels.WheelTarget? Target { get; init; }

    /// <summary>
    /// Where pip's full log is kept when pip fails (the work directory is removed with the build's
    /// staging directory): OUT.pip.log beside the output. Null keeps it in the work directory.
    /// </summary>
    public KeptLog? KeptLog { get; init; }

    /// <summary>Which interpreter's resolution this is, when several run at once: pip's lines in the verbose log say it. Null with one.</summary>
    public string? LogLabel { get; init; }
}
