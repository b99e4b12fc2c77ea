using Satchel.Build.Resolution;
using Xunit;

namespace Satchel.Build.Tests.Resolution;

public sealed class OriginClassifierTests
{
    private static ReportEntry Archive(string url, bool direct = false) =>
        new("x", "1.0", url, ArtifactKind.Archive, direct, false, null, null, null, null);

    [Fact]
    public void A_file_on_a_cdn_is_credited_to_the_only_index()
    {
        var classifier = new OriginClassifier(new ResolveRequest { WorkDirectory = "/w", Requirements = ["x"] }, "/");

        var origin = classifier.Classify(Archive("https://files.pythonhosted.org/packages/ab/cd/x-1.0-py3-none-any.whl"));

        Assert.Equal(new DistributionOrigin(OriginKind.Index, RemoteSources.DefaultIndex, "https://files.pythonhosted.org/packages/ab/cd/x-1.0-py3-none-any.whl"), origin);
    }

    [Fact]
    public void With_several_indexes_the_one_on_the_same_host_and_longest_shared_path_wins()
    {
        var request = new ResolveRequest
        {
            WorkDirectory = "/w",
            Requirements = ["x"],
            PackageSources = new()
            {
                IndexUrl = "https://mirror.example/simple",
                ExtraIndexUrls = ["https://mirror.example/team/simple", "https://other.example/simple"],
            },
        };
        var classifier = new OriginClassifier(request, "/");

        Assert.Equal("https://mirror.example/team/simple", classifier.Classify(Archive("https://mirror.example/team/files/x-1.0.whl")).Source);
        Assert.Equal("https://other.example/simple", classifier.Classify(Archive("https://other.example/f/x-1.0.whl")).Source);
        // On an unknown host with several indexes, only the host itself can be named.
        Assert.Equal("https://cdn.example", classifier.Classify(Archive("https://cdn.example/x-1.0.whl")).Source);
    }

    [Fact]
    public void Direct_references_vcs_checkouts_and_project_directories_keep_their_own_kind()
    {
        var classifier = new OriginClassifier(new ResolveRequest { WorkDirectory = "/w", Requirements = ["x"], PackageSources = new() { FindLinks = ["/links"] } }, "/");

        Assert.Equal(OriginKind.DirectUrl, classifier.Classify(Archive("https://example.org/x-1.0.tar.gz", direct: true)).Kind);
        Assert.Equal(OriginKind.DirectUrl, classifier.Classify(Archive("file:///links/x-1.0-py3-none-any.whl", direct: true)).Kind);
        Assert.Equal(new DistributionOrigin(OriginKind.FindLinks, "/links", "file:///links/x-1.0-py3-none-any.whl"), classifier.Classify(Archive("file:///links/x-1.0-py3-none-any.whl")));
        Assert.Equal(new DistributionOrigin(OriginKind.LocalProject, "/src/app", "file:///src/app"),
            classifier.Classify(new ReportEntry("app", "1", "file:///src/app", ArtifactKind.Directory, true, true, null, null, null, null)));
        Assert.Equal(new DistributionOrigin(OriginKind.Vcs, "git+https://example.org/r.git@abc123", "https://example.org/r.git"),
            classifier.Classify(new ReportEntry("r", "1", "https://example.org/r.git", ArtifactKind.Vcs, true, true, null, "git", "abc123", null)));
    }

    [Fact]
    public void Pinned_requirements_point_pip_at_exactly_the_resolved_artifact()
    {
        Assert.Equal("x @ https://h/x-1.0.whl", Archive("https://h/x-1.0.whl").PinnedRequirement());
        Assert.Equal("r @ git+https://h/r.git@abc#subdirectory=pkg",
            new ReportEntry("r", "1", "https://h/r.git", ArtifactKind.Vcs, true, true, null, "git", "abc", "pkg").PinnedRequirement());
    }
}
