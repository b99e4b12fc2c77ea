namespace Satchel.Testing;

/// <summary>
/// The native CLI's distribution artifacts (docs/distribution.md) in the checkout's artifacts/dist,
/// written by scripts/build-dist once per test process, the first time a test asks. The script is
/// incremental (seconds when nothing changed; its first NativeAOT publish takes minutes), and runs under
/// flock on artifacts/dist.lock, so test processes running at once wait for one publish instead of
/// starting several.
/// </summary>
public static class NativeDistribution
{
    private static readonly Lazy<string> Built = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>artifacts/dist, up to date with the sources.</summary>
    public static string Directory => Built.Value;

    /// <summary>The native satchel for linux-x86_64.</summary>
    public static string Binary => Path.Combine(Directory, "satchel-linux-x86_64");

    /// <summary>The wheel holding <see cref="Binary"/>.</summary>
    public static string Wheel => System.IO.Directory.GetFiles(Directory, "satchel-*-py3-none-manylinux_2_17_x86_64.whl").Single();

    private static string Build()
    {
        var script = RepositoryScripts.Find("build-dist");
        var artifacts = Path.Combine(RepositoryScripts.RepositoryRoot, "artifacts");
        System.IO.Directory.CreateDirectory(artifacts);
        var result = ProcessRunner.Run("flock", [Path.Combine(artifacts, "dist.lock"), script], timeout: TimeSpan.FromMinutes(30));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/build-dist failed: {result}");
        }
        return Path.Combine(artifacts, "dist");
    }
}
