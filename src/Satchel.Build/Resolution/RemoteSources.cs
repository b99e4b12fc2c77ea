namespace Satchel.Build.Resolution;

/// <summary>The network package sources of <see cref="PackageSources"/>, in pip's order: the index (PyPI unless told otherwise), extra indexes, remote find-links pages.</summary>
internal static class RemoteSources
{
    /// <summary>What pip searches when neither --index-url nor --no-index is given.</summary>
    public const string DefaultIndex = "https://pypi.org/simple";

    public static IReadOnlyList<(OriginKind Kind, string Url)> Of(PackageSources sources, string baseDirectory)
    {
        var remote = new List<(OriginKind Kind, string Url)>();
        if (!sources.NoIndex)
        {
            remote.Add((OriginKind.Index, sources.IndexUrl ?? DefaultIndex));
            remote.AddRange(sources.ExtraIndexUrls.Select(extra => (OriginKind.Index, extra)));
        }

        remote.AddRange(sources.FindLinks.Where(link => LocalLocation.ToPath(link, baseDirectory) is null).Select(link => (OriginKind.FindLinks, link)));
        return remote;
    }
}
