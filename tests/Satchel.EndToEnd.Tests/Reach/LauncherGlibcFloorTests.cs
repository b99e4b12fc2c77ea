using Satchel.Testing;
using Satchel.Testing.Elf;
using Xunit;

namespace Satchel.EndToEnd.Tests.Reach;

/// <summary>
/// A launcher is the front of every app, so the newest glibc symbol version it imports decides
/// the oldest Linux any app starts on, for each of the two the CLI carries (linux-x64 and the
/// cross-built linux-arm64): GLIBC_2.17 (manylinux2014's floor; docs/launcher.md#the-glibc-floor).
/// A new P/Invoke, a runtime update or a build without the pinned sysroot that raises it fails here,
/// naming the symbol, instead of on a user's older server.
/// </summary>
public sealed class LauncherGlibcFloorTests
{
    private static readonly Version Floor = new(2, 17);

    [Theory]
    [InlineData("linux-x64")]
    [InlineData("linux-arm64")]
    public void The_launcher_needs_no_glibc_symbol_newer_than_2_17(string runtimeIdentifier)
    {
        // glibc's aarch64 port starts at 2.17: there every symbol is GLIBC_2.17 or newer, so the
        // check is as sharp as on x86_64 (a cross link against the build machine's 2.36 would fail it).
        // Both parts: the warm-start stub the kernel starts, and the full launcher it hands over to.
        using var dir = new TempDirectory("satchel-launcher-parts");
        var parts = LauncherParts.Read(SatchelCli.LauncherFor(runtimeIdentifier));
        foreach (var part in (string[])[parts.WriteStub(dir), parts.WriteFull(dir)])
        {
            var imports = GlibcSymbolCeiling.AssertNoneAbove(part, Floor, "apps would not start on older Linux",
                "Was it linked without the Debian 11 sysroot (scripts/launcher-sysroot)? Else pin the symbol to an older version (docs/launcher.md#the-glibc-floor).");
            Assert.Contains(imports, i => i.Symbol == "__libc_start_main");
        }
    }

    [Theory]
    [InlineData("linux-x64")]
    [InlineData("linux-arm64")]
    public void The_warm_start_stub_is_small_and_needs_only_the_c_library(string runtimeIdentifier)
    {
        using var dir = new TempDirectory("satchel-launcher-parts");
        var parts = LauncherParts.Read(SatchelCli.LauncherFor(runtimeIdentifier));
        Assert.True(parts.Stub.Length <= 64 * 1024, $"the warm-start stub is {parts.Stub.Length} bytes: did .NET's runtime or class library get linked in?");
        var libraries = ElfVersionedImports.Read(parts.WriteStub(dir)).Select(i => i.Library).Distinct().ToArray();
        Assert.Equal(["libc.so.6"], libraries);
    }

    [Theory]
    [InlineData("linux-x64", 62)]
    [InlineData("linux-arm64", 183)]
    public void Each_launcher_is_a_stripped_elf_file_for_its_machine_within_2_mib(string runtimeIdentifier, int machine)
    {
        var launcher = SatchelCli.LauncherFor(runtimeIdentifier);
        Assert.Equal((ushort)machine, Satchel.Runtime.Platforms.ExecutableFormat.ElfMachine(launcher));
        var size = new FileInfo(launcher).Length;
        Assert.True(size <= 2 * 1024 * 1024, $"{launcher} is {size} bytes, more than the 2 MiB every app pays for (docs/launcher.md)");
    }

    [Fact]
    public void The_check_sees_a_symbol_newer_than_the_floor_in_a_program_linked_against_this_machines_glibc()
    {
        // Any program linked against glibc >= 2.34 imports __libc_start_main@GLIBC_2.34: proof that
        // the reader finds versions above the floor where they are, so the test above can fail.
        var shell = new FileInfo("/bin/sh").ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? "/bin/sh";
        var imports = ElfVersionedImports.Read(shell);
        var start = Assert.Single(imports, i => i.Symbol == "__libc_start_main");
        Assert.Equal("libc.so.6", start.Library);
        var version = GlibcSymbolCeiling.VersionOf(start);
        Assert.NotNull(version);
        Assert.True(version >= new Version(2, 2, 5), $"{start}");
        if (version >= new Version(2, 34))
        {
            Assert.Contains(start, GlibcSymbolCeiling.Above(imports, Floor));
        }
    }
}
