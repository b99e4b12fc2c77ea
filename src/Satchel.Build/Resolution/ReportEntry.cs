namespace Satchel.Build.Resolution;

/// <summary>The kind of artifact a report entry's download_info describes.</summary>
internal enum ArtifactKind
{
    Archive,
    Directory,
    Vcs,
}

/// <summary>One "install" item of pip's installation report, reduced to what a build needs.</summary>
internal sealed record ReportEntry(
    string Name,
    string Version,
    string Url,
    ArtifactKind Kind,
    bool IsDirect,
    bool Requested,
    string? ArchiveSha256,
    string? Vcs,
    string? CommitId,
    string? Subdirectory)
{
    /// <summary>The archive is a ready wheel (not an sdist to build).</summary>
    public bool IsWheel => Kind == ArtifactKind.Archive && Url.Split('#', '?')[0].EndsWith(".whl", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A PEP 508 direct reference to exactly this artifact, to have pip fetch or build it again
    /// without resolving: "name @ URL".
    /// </summary>
    public string PinnedRequirement()
    {
        var url = Kind == ArtifactKind.Vcs ? $"{Vcs}+{Url}@{CommitId}" : Url;
        return Subdirectory is null ? $"{Name} @ {url}" : $"{Name} @ {url}#subdirectory={Subdirectory}";
    }
}
