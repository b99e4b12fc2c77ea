namespace Satchel.Build.Resolution;

/// <summary>A request translated into pip's options, with every local path made absolute.</summary>
internal static class PipArguments
{
    /// <summary>Where pip looks for distributions; the same for resolving, for fetching, and for build dependencies.</summary>
    public static IEnumerable<string> Sources(PackageSources sources, string baseDirectory)
    {
        if (sources.NoIndex)
        {
            yield return "--no-index";
        }

        if (sources.IndexUrl is { } index)
        {
            yield return "--index-url";
            yield return index;
        }

        foreach (var extra in sources.ExtraIndexUrls)
        {
            yield return "--extra-index-url";
            yield return extra;
        }

        foreach (var host in sources.TrustedHosts)
        {
            yield return "--trusted-host";
            yield return host;
        }

        foreach (var link in sources.FindLinks)
        {
            yield return "--find-links";
            yield return LocalLocation.ToPath(link, baseDirectory) ?? link;
        }
    }

    /// <summary>
    /// Resolving for another platform: pip's tag options, nothing when <paramref name="target"/> is
    /// null. pip requires --only-binary=:all: with them (nothing is built: it would be built for this
    /// machine); the ABI is CPython's for the version, pip adds abi3 and none itself.
    /// </summary>
    public static IEnumerable<string> Target(Wheels.WheelTarget? target)
    {
        if (target is null)
        {
            yield break;
        }

        yield return "--only-binary=:all:";
        foreach (var platform in target.PlatformTags)
        {
            yield return "--platform";
            yield return platform;
        }

        yield return "--python-version";
        yield return target.PythonVersion;
        yield return "--implementation";
        yield return "cp";
        yield return "--abi";
        yield return target.Abi;
    }

    /// <summary>What to resolve: constraints, requirement files, specifiers, projects and wheels.</summary>
    public static IEnumerable<string> Inputs(ResolveRequest request, string baseDirectory)
    {
        // Only the resolution run gets it: the collecting run names exactly the artifacts the
        // report pinned, and WheelSetVerifier checks that each wheel has the hash pip checked.
        if (request.RequireHashes)
        {
            yield return "--require-hashes";
        }

        foreach (var constraint in request.ConstraintFiles)
        {
            yield return "--constraint";
            yield return Path.GetFullPath(constraint, baseDirectory);
        }

        foreach (var file in request.RequirementFiles)
        {
            yield return "--requirement";
            yield return Path.GetFullPath(file, baseDirectory);
        }

        foreach (var requirement in request.Requirements)
        {
            yield return requirement;
        }

        // Absolute paths contain a separator, which is what makes pip read them as paths, not names.
        foreach (var path in request.LocalProjects.Concat(request.WheelFiles))
        {
            yield return Path.GetFullPath(path, baseDirectory);
        }
    }
}
