using System.Text.RegularExpressions;
using Satchel.Testing;
using Satchel.Testing.Elf;
using Xunit;

namespace Satchel.EndToEnd.Tests.Dist;

/// <summary>
/// The native satchel binary that scripts/build-dist publishes with NativeAOT (docs/distribution.md): one
/// file that needs no .NET, nothing newer than glibc 2.17 (what the wheel's manylinux_2_17 tag promises)
/// and no launcher beside it, since it carries both of them.
/// </summary>
public sealed partial class NativeCliTests
{
    private static readonly Version Floor = new(2, 17);

    [Fact]
    public void The_binary_needs_no_glibc_symbol_newer_than_2_17()
    {
        var imports = GlibcSymbolCeiling.AssertNoneAbove(NativeDistribution.Binary, Floor, "the manylinux_2_17 wheel would not run where it claims",
            "Was it linked without the Debian 11 sysroot (src/GlibcFloor.targets)? Else bind the symbol to an older version (src/glibc-floor-math.c).");
        // The CLI's math (System.Math) is where glibc 2.27/2.29 versions would come from (glibc-floor-math.c).
        Assert.Contains(imports, i => i.Symbol == "pow");
    }

    [Fact]
    public void The_binary_needs_only_the_c_library_no_dotnet()
    {
        var dynamicSection = ProcessRunner.Run("objdump", ["-p", NativeDistribution.Binary]);
        Assert.True(dynamicSection.ExitCode == 0, dynamicSection.ToString());
        var needed = NeededLine().Matches(dynamicSection.StdOut).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("libc.so.6", needed);
        string[] glibc = ["libc.so.6", "libm.so.6", "libdl.so.2", "librt.so.1", "libpthread.so.0", "ld-linux-x86-64.so.2"];
        Assert.True(needed.All(glibc.Contains), $"needs more than glibc: {string.Join(", ", needed)}");
    }

    [Fact]
    public void With_stdout_or_stdin_closed_it_runs_and_keeps_its_own_messages_out_of_files_it_writes()
    {
        // `satchel --version >&-` (a daemon's child, a cron line): the closed stream is filled with
        // /dev/null before anything opens a file, so neither .NET's console nor a file the command
        // writes can land on descriptor 1 (ClosedStdioGuard).
        var version = ProcessRunner.Run("sh", ["-c", "exec \"$0\" --version >&-", NativeDistribution.Binary]);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Equal(string.Empty, version.StdErr);

        using var dir = new TempDirectory("satchel-native-closed");
        dir.Write("src/run.sh", "#!/bin/sh\necho packed\n", executable: true);
        var output = dir.Combine("app");
        var pack = ProcessRunner.Run("sh", ["-c", "exec \"$0\" pack \"$1\" --entry run.sh -o \"$2\" <&- >&-", NativeDistribution.Binary, dir.Combine("src"), output]);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var run = ProcessRunner.Run(output, [], new Dictionary<string, string?> { ["SATCHEL_ROOT"] = dir.Combine("cache") });
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("packed\n", run.StdOut);
    }

    [Fact]
    public void Its_version_is_the_repositorys_as_the_wheel_says()
    {
        var version = ProcessRunner.Run(NativeDistribution.Binary, ["--version"]);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Equal($"satchel-{version.StdOut.Trim()}-py3-none-manylinux_2_17_x86_64.whl", Path.GetFileName(NativeDistribution.Wheel));
        Assert.Equal(Satchel.Build.Reproducibility.SatchelVersion.Current.Split('+')[0], version.StdOut.Trim());
    }

    [Fact]
    public void Alone_in_a_directory_it_packs_apps_with_the_launchers_it_carries()
    {
        using var dir = new TempDirectory("satchel-native-cli");
        var satchel = dir.Combine("bin", "satchel");
        Directory.CreateDirectory(dir.Combine("bin"));
        File.Copy(NativeDistribution.Binary, satchel);
        File.SetUnixFileMode(satchel, (UnixFileMode)0b111_101_101);
        dir.Write("src/run.sh", "#!/bin/sh\necho \"native-built: $1\"\n", executable: true);
        var environment = new Dictionary<string, string?> { ["SATCHEL_LAUNCHER"] = null, ["SATCHEL_ROOT"] = dir.Combine("cache") };

        var pack = ProcessRunner.Run(satchel, ["pack", dir.Combine("src"), "--entry", "run.sh", "-o", dir.Combine("app"), "--quiet"], environment);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var run = ProcessRunner.Run(dir.Combine("app"), ["x"], environment);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("native-built: x\n", run.StdOut);
        AssertStartsWith(SatchelCli.LauncherFor("linux-x64"), dir.Combine("app"));

        // The other platform's launcher is in it too.
        var arm = ProcessRunner.Run(satchel, ["pack", dir.Combine("src"), "--entry", "run.sh", "-o", dir.Combine("app-arm64"), "--platform", "linux-aarch64", "--quiet"], environment);
        Assert.True(arm.ExitCode == 0, arm.ToString());
        AssertStartsWith(SatchelCli.LauncherFor("linux-arm64"), dir.Combine("app-arm64"));
    }

    [Fact]
    public void A_launcher_path_given_but_missing_is_an_error_not_a_fallback_to_the_embedded_one()
    {
        using var dir = new TempDirectory("satchel-native-cli");
        dir.Write("src/run.sh", "#!/bin/sh\n", executable: true);
        var missing = dir.Combine("no-launcher");

        var pack = ProcessRunner.Run(NativeDistribution.Binary, ["pack", dir.Combine("src"), "--entry", "run.sh", "-o", dir.Combine("app"), "--launcher", missing]);
        Assert.True(pack.ExitCode == 66, pack.ToString());
        Assert.Equal($"satchel: --launcher {missing}: no such file; give the path of a satchel-launcher binary, or leave out --launcher to use the one this satchel carries", pack.StdErr.Trim());
        Assert.False(File.Exists(dir.Combine("app")));
    }

    private static void AssertStartsWith(string launcher, string app)
    {
        var expected = File.ReadAllBytes(launcher);
        var head = File.ReadAllBytes(app).AsSpan(0, expected.Length);
        Assert.True(head.SequenceEqual(expected), $"{app} does not start with the launcher {launcher}");
    }

    [GeneratedRegex(@"^\s*NEEDED\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex NeededLine();
}
