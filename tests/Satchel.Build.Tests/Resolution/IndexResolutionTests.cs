using Satchel.Build.Resolution;
using Satchel.Runtime.Errors;
using Satchel.Testing;
using Satchel.Testing.PackageIndex;
using Xunit;

namespace Satchel.Build.Tests.Resolution;

public sealed class IndexResolutionTests
{
    [Fact]
    public void Resolution_over_a_loopback_simple_index_gives_the_same_set_and_names_the_index()
    {
        using var temp = new TempDirectory("satchel-resolve");
        var links = ChainWheels.Write(temp.Combine("links"));
        using var index = new SimpleIndexServer(links);

        var result = TestResolvers.For().Resolve(new ResolveRequest
        {
            WorkDirectory = temp.Combine("work"),
            Requirements = ["a"],
            ConstraintFiles = [temp.Write("constraints.txt", "b==1.0\n")],
            PackageSources = new() { IndexUrl = index.IndexUrl },
        });

        Assert.Equal(["a 1.0", "b 1.0", "c 0.5"], TestResolvers.Set(result));
        Assert.Equal(["a-1.0-py3-none-any.whl", "b-1.0-py3-none-any.whl", "c-0.5-py3-none-any.whl"], TestResolvers.WheelFiles(result.WheelDirectory));
        foreach (var distribution in result.Distributions)
        {
            Assert.Equal(OriginKind.Index, distribution.Origin.Kind);
            Assert.Equal(index.IndexUrl, distribution.Origin.Source);
            Assert.Equal($"http://127.0.0.1:{index.Port}/files/{Path.GetFileName(distribution.WheelPath)}", distribution.Origin.ArtifactUrl);
            Assert.Equal(File.ReadAllBytes(Path.Combine(links, Path.GetFileName(distribution.WheelPath))), File.ReadAllBytes(distribution.WheelPath));
        }

        Assert.Contains("/simple/a/", index.Requests);
        Assert.Contains("/simple/c/", index.Requests);
        // c 0.6 is only for Python 2: the page's data-requires-python lets pip skip it unread.
        Assert.DoesNotContain("/files/c-0.6-py3-none-any.whl", index.Requests);
        Assert.DoesNotContain(index.Requests, path => path.Contains("/d", StringComparison.Ordinal));
    }

    [Fact]
    public void An_extra_index_is_credited_for_what_only_it_serves()
    {
        using var temp = new TempDirectory("satchel-resolve");
        var main = ChainWheels.Write(temp.Combine("main"));
        var extra = temp.Combine("extra");
        CraftedWheel.Write(extra, "e", "3.0", ["c"]);
        using var mainIndex = new SimpleIndexServer(main);
        using var extraIndex = new SimpleIndexServer(extra);

        var result = TestResolvers.For().Resolve(new ResolveRequest
        {
            WorkDirectory = temp.Combine("work"),
            Requirements = ["e"],
            PackageSources = new() { IndexUrl = mainIndex.IndexUrl, ExtraIndexUrls = [extraIndex.IndexUrl] },
        });

        Assert.Equal(["c 0.5", "e 3.0"], TestResolvers.Set(result));
        Assert.Equal(extraIndex.IndexUrl, result.Find("e")!.Origin.Source);
        Assert.Equal(mainIndex.IndexUrl, result.Find("c")!.Origin.Source);
    }

    [NonLoopbackFact]
    public void A_plain_http_index_off_loopback_is_used_only_when_its_host_is_trusted()
    {
        using var temp = new TempDirectory("satchel-resolve");
        var links = ChainWheels.Write(temp.Combine("links"));
        using var index = new SimpleIndexServer(links, SimpleIndexServer.NonLoopbackAddress());
        ResolveRequest Request(string work, IReadOnlyList<string> trusted) => new()
        {
            WorkDirectory = temp.Combine(work),
            Requirements = ["a"],
            ConstraintFiles = [temp.Write("constraints.txt", "b==1.0\n")],
            PackageSources = new() { IndexUrl = index.IndexUrl, TrustedHosts = trusted },
        };

        // pip ignores a plain-HTTP index that is neither loopback nor trusted: nothing resolves.
        var refused = Assert.ThrowsAny<SatchelException>(() => TestResolvers.For().Resolve(Request("refused", [])));
        Assert.Contains($"pass --trusted-host {index.Host}", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(index.Requests, path => path.StartsWith("/files/", StringComparison.Ordinal));

        var result = TestResolvers.For().Resolve(Request("trusted", [index.Host]));
        Assert.Equal(["a 1.0", "b 1.0", "c 0.5"], TestResolvers.Set(result));
        Assert.All(result.Distributions, d => Assert.Equal(index.IndexUrl, d.Origin.Source));
    }
}
