using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Dist;

/// <summary>
/// Two scripts/build-dist runs, from two checkouts at different paths, give the same bytes: the native
/// binary (one NativeAOT publish each) and the wheel around it (docs/distribution.md).
/// </summary>
public sealed class DistReproducibleTests
{
    [Fact]
    public void A_second_build_dist_from_a_copy_elsewhere_writes_identical_files()
    {
        var first = NativeDistribution.Directory;
        var check = ProcessRunner.Run(RepositoryScripts.Find("check-dist-reproducible"), [first], timeout: TimeSpan.FromMinutes(30));
        Assert.True(check.ExitCode == 0, check.ToString());
        var reproducible = check.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(reproducible, l => l.StartsWith("satchel-linux-x86_64 reproducible: ", StringComparison.Ordinal));
        Assert.Contains(reproducible, l => l.StartsWith(Path.GetFileName(NativeDistribution.Wheel) + " reproducible: ", StringComparison.Ordinal));
    }
}
