using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Satchel.Build.Packing;
using Satchel.Runtime.Errors;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Dist;

/// <summary>
/// The launchers the CLI assembly carries as resources (EmbeddedLaunchers, docs/distribution.md): the
/// bytes of the launchers built beside it, and refused, in one line, when they do not match the digest
/// recorded at build time.
/// </summary>
public sealed class EmbeddedLauncherTests
{
    private static readonly Assembly Cli = typeof(Satchel.Cli.Program).Assembly;

    [Theory]
    [InlineData("linux-x64")]
    [InlineData("linux-arm64")]
    public void The_cli_carries_each_launcher_it_was_built_with(string runtimeIdentifier)
    {
        var embedded = EmbeddedLaunchers.Find(Cli, runtimeIdentifier);
        Assert.NotNull(embedded);
        Assert.Equal(File.ReadAllBytes(SatchelCli.LauncherFor(runtimeIdentifier)), embedded.Bytes);
        Assert.Contains($"the {runtimeIdentifier} launcher embedded in ", embedded.Origin, StringComparison.Ordinal);
    }

    [Fact]
    public void A_platform_without_an_embedded_launcher_finds_none()
    {
        Assert.Null(EmbeddedLaunchers.Find(Cli, "linux-riscv64"));
    }

    [Fact]
    public void Bytes_that_do_not_match_their_recorded_digest_are_refused_in_one_line()
    {
        var launcher = File.ReadAllBytes(SatchelCli.LauncherFor("linux-x64"));
        var damaged = launcher.ToArray();
        damaged[^1] ^= 0xff;
        var carrier = new ResourceCarrier(new()
        {
            ["satchel-launcher/linux-x64"] = damaged,
            ["satchel-launcher/linux-x64.sha256"] = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(launcher)) + "\n"),
        });

        var e = Assert.Throws<SatchelException>(() => EmbeddedLaunchers.Find(carrier, "linux-x64"));
        Assert.Equal(ExitCodes.Software, e.ExitCode);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains("is damaged", e.Message, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(damaged)), e.Message, StringComparison.Ordinal);

        var intact = new ResourceCarrier(new()
        {
            ["satchel-launcher/linux-x64"] = launcher,
            ["satchel-launcher/linux-x64.sha256"] = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(launcher)) + "\n"),
        });
        Assert.Equal(launcher, EmbeddedLaunchers.Find(intact, "linux-x64")!.Bytes);
    }

    [Fact]
    public void A_launcher_without_a_recorded_digest_is_refused()
    {
        var carrier = new ResourceCarrier(new() { ["satchel-launcher/linux-x64"] = [1, 2, 3] });
        var e = Assert.Throws<SatchelException>(() => EmbeddedLaunchers.Find(carrier, "linux-x64"));
        Assert.Contains("recorded nothing", e.Message, StringComparison.Ordinal);
    }

    /// <summary>An assembly whose manifest resources are the given bytes.</summary>
    private sealed class ResourceCarrier(Dictionary<string, byte[]> resources) : Assembly
    {
        public override Stream? GetManifestResourceStream(string name) =>
            resources.TryGetValue(name, out var bytes) ? new MemoryStream(bytes, writable: false) : null;
    }
}
