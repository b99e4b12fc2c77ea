namespace Satchel.Build.Resolution;

/// <summary>The network package sources of a request, in pip's order: the index (PyPI unless told otherwise), extra indexes, remote find-links pages.</summary>
internal static class RemoteSources
{
    /// <summary>What pip searches when neither --index-url nor --no-index is given.</summary>
    public const string DefaultIndex = "https://pypi.org/simple";

    public static IReadOnlyList<(OriginKind Kind, string Url)> Of(ResolveRequest request, string baseDirectory)
    {
        var sources = new List<(OriginKind Kind, string Url)>();
        if (!request.NoIndex)
        {
            sources.Add((OriginKind.Index, request.IndexUrl ?? DefaultIndex));
            sources.AddRange(request.ExtraIndexUrls.Select(extra => (OriginKind.Index, extra)));
        }

        sources.AddRange(request.FindLinks.Where(link => LocalLocation.ToPath(link, baseDirectory) is null).Select(link => (OriginKind.FindLinks, link)));
        return sources;
    }
}
