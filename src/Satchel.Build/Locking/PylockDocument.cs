using Satchel.Build.Wheels;

namespace Satchel.Build.Locking;

/// <summary>A PEP 751 lock as satchel writes and reads it: one wheel per package, for one interpreter.</summary>
public sealed record PylockDocument(string LockVersion, string? RequiresPython, string CreatedBy, IReadOnlyList<LockedPackage> Packages)
{
    public const string CurrentLockVersion = "1.0";

    /// <summary>PEP 751 `created-by`: the tool that wrote the lock.</summary>
    public const string Creator = "satchel";
}

/// <summary>
/// One package of a lock: name, version and either its wheel, with the source it was found in
/// (the simple index's URL, PEP 751 `index`, or the find-links location, recorded under
/// `[packages.tool.satchel]` since PEP 751 has no key for it), or, for a local project, its
/// directory (PEP 751 `[packages.directory]`, relative to the lock's directory), which is built
/// again at build time.
/// </summary>
/// <remarks>
/// <see cref="Marker"/> is PEP 751's environment marker: null for a package every locked
/// interpreter gets; a lock for several (`satchel lock --python A --python B`) marks what only some
/// get with `python_version == "3.9" or …` (<see cref="PythonVersionMarker"/>).
/// </remarks>
public sealed record LockedPackage(string Name, string Version, LockedWheel? Wheel, string? Index, string? FindLinks, string? Directory = null, string? Marker = null)
{
    public string NormalizedName => ProjectName.Normalize(Name);
}

/// <summary>
/// A locked wheel (PEP 751 `[[packages.wheels]]`): its file name, where it is (a URL, or a path
/// relative to the lock file's directory), its size and SHA-256 (lower-case hex).
/// </summary>
public sealed record LockedWheel(string FileName, string? Url, string? Path, long? Size, string Sha256);
