using Satchel.Build.Resolution;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Locking;

/// <summary>
/// Turns a finished pip resolution into a lock: for each distribution its wheel's name, SHA-256
/// and size (of the very file the resolution collected), where that wheel is (its URL, or a path
/// relative to the lock's directory for a local file) and the index or find-links entry it came
/// from. A local project is locked as its directory (built again by `build --lock`). Other
/// wheels pip built (an sdist, a checkout) have no published bytes to pin, so they are refused
/// with what to do instead.
/// </summary>
public static class ResolutionLock
{
    public static PylockDocument Create(ResolveResult result, string lockPath, string? requiresPython, string? baseDirectory = null)
    {
        var lockDirectory = Path.GetDirectoryName(Path.GetFullPath(lockPath))!;
        var @base = Path.GetFullPath(baseDirectory ?? Environment.CurrentDirectory);
        var packages = result.Distributions.Select(d => Package(d, lockDirectory, @base)).ToList();
        return new PylockDocument(PylockDocument.CurrentLockVersion, requiresPython, PylockDocument.Creator, packages);
    }

    private static LockedPackage Package(ResolvedDistribution distribution, string lockDirectory, string baseDirectory)
    {
        var origin = distribution.Origin;
        if (origin.Kind == OriginKind.LocalProject)
        {
            return new LockedPackage(distribution.Name, distribution.Version, null, null, null, Relative(lockDirectory, origin.Source));
        }

        if (distribution.Built)
        {
            throw new SatchelException(ExitCodes.Usage,
                $"cannot lock {distribution.Name} {distribution.Version}: pip built it from {origin.Source} ({origin.Kind}), and a lock pins published wheels; "
                + "build it into a wheel (pip wheel --no-deps), put that in a --find-links folder and lock again");
        }

        var fileName = Path.GetFileName(distribution.WheelPath);
        var size = new FileInfo(distribution.WheelPath).Length;
        var local = LocalLocation.ToPath(origin.ArtifactUrl, baseDirectory);
        var wheel = new LockedWheel(
            fileName,
            local is null ? origin.ArtifactUrl : null,
            local is null ? null : Relative(lockDirectory, local),
            size,
            distribution.Sha256);
        string? index = origin.Kind == OriginKind.Index ? origin.Source : null;
        string? findLinks = origin.Kind == OriginKind.FindLinks
            ? LocalLocation.ToPath(origin.Source, baseDirectory) is { } folder ? Relative(lockDirectory, folder) : origin.Source
            : null;
        return new LockedPackage(distribution.Name, distribution.Version, wheel, index, findLinks);
    }

    /// <summary>A path relative to the lock's directory, with '/' on every platform, so the lock moves with its project.</summary>
    private static string Relative(string lockDirectory, string path) =>
        Path.GetRelativePath(lockDirectory, path).Replace('\\', '/');
}
