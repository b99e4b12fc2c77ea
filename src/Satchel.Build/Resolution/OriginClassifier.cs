namespace Satchel.Build.Resolution;

/// <summary>
/// Names the input a report entry came from. pip's report records the artifact's URL, not the
/// index page that listed it, so an index is recognised by the artifact's host: the configured
/// index (or http find-links page) on the same scheme, host and port, preferring the longest
/// shared path. Files on another host (a CDN such as files.pythonhosted.org) are credited to the
/// only configured index when there is one; with several, the artifact's origin (scheme://host)
/// is the source. Local artifacts are matched to the find-links folder, wheel file or project
/// they are in.
/// </summary>
internal sealed class OriginClassifier(ResolveRequest request, string baseDirectory)
{
    public DistributionOrigin Classify(ReportEntry entry) => entry.Kind switch
    {
        ArtifactKind.Directory => new(OriginKind.LocalProject, LocalLocation.ToPath(entry.Url, baseDirectory) ?? entry.Url, entry.Url),
        ArtifactKind.Vcs => new(OriginKind.Vcs, $"{entry.Vcs}+{entry.Url}@{entry.CommitId}", entry.Url),
        _ => LocalLocation.ToPath(entry.Url, baseDirectory) is { } path ? LocalArchive(entry, path) : RemoteArchive(entry),
    };

    private DistributionOrigin LocalArchive(ReportEntry entry, string path)
    {
        foreach (var wheel in request.WheelFiles)
        {
            if (LocalLocation.SamePath(Path.GetFullPath(wheel, baseDirectory), path))
            {
                return new(OriginKind.WheelFile, path, entry.Url);
            }
        }

        if (!entry.IsDirect)
        {
            foreach (var link in request.PackageSources.FindLinks)
            {
                if (LocalLocation.ToPath(link, baseDirectory) is { } local
                    && (LocalLocation.SamePath(local, path) || LocalLocation.SamePath(local, Path.GetDirectoryName(path)!)))
                {
                    return new(OriginKind.FindLinks, link, entry.Url);
                }
            }
        }

        return new(entry.IsDirect ? OriginKind.DirectUrl : OriginKind.FindLinks, path, entry.Url);
    }

    private DistributionOrigin RemoteArchive(ReportEntry entry)
    {
        if (entry.IsDirect || !Uri.TryCreate(entry.Url, UriKind.Absolute, out var artifact))
        {
            return new(OriginKind.DirectUrl, entry.Url, entry.Url);
        }

        var sources = RemoteSources.Of(request.PackageSources, baseDirectory);
        var sameHost = sources
            .Select(s => (s.Kind, s.Url, Uri: Uri.TryCreate(s.Url, UriKind.Absolute, out var uri) ? uri : null))
            .Where(s => s.Uri is not null && Uri.Compare(s.Uri, artifact, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
            .OrderByDescending(s => SharedPathLength(s.Uri!.AbsolutePath, artifact.AbsolutePath))
            .ToList();
        if (sameHost.Count > 0)
        {
            return new(sameHost[0].Kind, sameHost[0].Url, entry.Url);
        }

        var indexes = sources.Where(s => s.Kind == OriginKind.Index).ToList();
        return indexes.Count == 1
            ? new(OriginKind.Index, indexes[0].Url, entry.Url)
            : new(OriginKind.Index, artifact.GetLeftPart(UriPartial.Authority), entry.Url);
    }

    private static int SharedPathLength(string a, string b)
    {
        var length = 0;
        while (length < a.Length && length < b.Length && a[length] == b[length])
        {
            length++;
        }

        return length;
    }
}
