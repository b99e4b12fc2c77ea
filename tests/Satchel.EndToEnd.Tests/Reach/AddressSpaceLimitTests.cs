using Satchel.EndToEnd.Tests.Tools;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Reach;

/// <summary>
/// Apps start under a `ulimit -v` (RLIMIT_AS) such as clusters and shared hosts set: the full
/// launcher's GC reserves 512 MB, not gigabytes (docs/launcher.md, "Build settings"). With the
/// 4 GB it reserved before, a limit of 4,000,000 KB made every start that reached the full
/// launcher exit 255 without a word.
/// </summary>
public sealed class AddressSpaceLimitTests : IDisposable
{
    /// <summary>1 GB: below the old reservation by a factor of four, and ample for Python.</summary>
    private const int LimitKilobytes = 1_000_000;

    private readonly ToolsSandbox _box = new();

    public void Dispose() => _box.Dispose();

    private ProcessResult RunLimited(string app, int limitKilobytes = LimitKilobytes) =>
        ProcessRunner.Run("sh", ["-c", $"ulimit -v {limitKilobytes} && exec \"$0\" one", app], EnvWithoutDotnetSettings());

    private Dictionary<string, string?> EnvWithoutDotnetSettings()
    {
        var env = _box.Env();
        foreach (System.Collections.DictionaryEntry inherited in Environment.GetEnvironmentVariables())
        {
            // A DOTNET_GC* setting of the caller's would decide the reservation instead of the launcher's own.
            if (inherited.Key is string name && name.StartsWith("DOTNET_", StringComparison.Ordinal))
            {
                env[name] = null;
            }
        }

        return env;
    }

    /// <summary>
    /// The native CLI builds under such limits too. Before, its GC reserved a range sized for the
    /// machine and glibc 64 MB of address space per thread's malloc arena, and `satchel build` under
    /// `ulimit -v 1000000` ended with exit 1, no word, and its build directory left behind; now it
    /// starts itself again with DOTNET_GCRegionRange at a quarter of the limit and MALLOC_ARENA_MAX=2,
    /// and compresses fewer blocks at once (docs/distribution.md).
    /// </summary>
    [Theory]
    [InlineData(1_000_000)]
    [InlineData(300_000)]
    public void The_native_cli_builds_an_app_under_an_address_space_limit(int limitKilobytes)
    {
        _box.Write("src/limitapp/__init__.py", "");
        _box.Write("src/limitapp/__main__.py", "print('built under a limit')\n");
        var output = _box.Combine("limited-app");

        var built = ProcessRunner.Run("sh", ["-c", $"ulimit -v {limitKilobytes} && exec \"$@\"", "sh", NativeDistribution.Binary, "build",
            "--python", RealPythons.Python311, "--no-index", "--sources", _box.Combine("src"), "-m", "limitapp", "-o", output, "-q", "--no-build-cache"], EnvWithoutDotnetSettings());

        Assert.True(built.ExitCode == 0, $"satchel build under ulimit -v {limitKilobytes}: {built}");
        Assert.DoesNotContain(Directory.GetFileSystemEntries(_box.Combine()), e => Path.GetFileName(e).StartsWith("limited-app.", StringComparison.Ordinal));
        var run = ProcessRunner.Run(output, [], _box.Env());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("built under a limit\n", run.StdOut);
    }

    [Fact]
    public void A_python_app_starts_cold_and_warm_by_either_launcher_under_a_1_GB_address_space_limit()
    {
        var app = _box.BuildModuleApp("limited", "import sys\nprint('ran', sys.argv[1:])\n");

        var cold = RunLimited(app);
        Assert.True(cold.ExitCode == 0, "cold start (the full launcher extracts and makes the venv): " + cold);
        Assert.Equal("ran ['one']\n", cold.StdOut);

        var warm = RunLimited(app);
        Assert.True(warm.ExitCode == 0, "warm start: " + warm);

        foreach (var record in Directory.GetFiles(Path.Combine(_box.Root, "v1", "apps"), "*.start"))
        {
            File.Delete(record);
        }

        var handedOver = RunLimited(app);
        Assert.True(handedOver.ExitCode == 0, "warm start by the full launcher: " + handedOver);
        Assert.Equal("ran ['one']\n", handedOver.StdOut);
    }

    /// <summary>
    /// Below the 512 MB the GC reserves, the stub sizes the full launcher's GC range to the limit
    /// (DOTNET_GCRegionRange, half of it), and neither that nor its marker reaches the app.
    /// </summary>
    [Fact]
    public void Under_a_300_MB_limit_the_full_launcher_starts_with_a_smaller_gc_range_that_the_app_does_not_see()
    {
        var app = _box.BuildModuleApp("small", "import os, sys\nprint('ran', sorted(k for k in os.environ if k.startswith(('DOTNET_', 'SATCHEL_HANDOVER'))))\n");

        var cold = RunLimited(app, 300_000);
        Assert.True(cold.ExitCode == 0, "cold start under ulimit -v 300000: " + cold);
        Assert.Equal("ran []\n", cold.StdOut);

        foreach (var record in Directory.GetFiles(Path.Combine(_box.Root, "v1", "apps"), "*.start"))
        {
            File.Delete(record);
        }

        var handedOver = RunLimited(app, 300_000);
        Assert.True(handedOver.ExitCode == 0, "warm start by the full launcher: " + handedOver);
        Assert.Equal("ran []\n", handedOver.StdOut);
    }
}
