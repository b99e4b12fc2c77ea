using System.Security.Cryptography;
using Satchel.Build.Locking;
using Satchel.Runtime.Errors;
using Satchel.Testing;
using Satchel.Testing.PackageIndex;
using Xunit;

namespace Satchel.Build.Tests.Locking;

public sealed class LockedWheelFetcherTests : IDisposable
{
    private readonly TempDirectory _temp = new("satchel-fetch");

    public void Dispose() => _temp.Dispose();

    private string LockPath => _temp.Combine("project", "pylock.toml");

    private (LockedPackage Package, string Wheel) Locked(string name = "pkg", string version = "1.0")
    {
        var wheel = CraftedWheel.Write(_temp.Combine("links"), name, version);
        Directory.CreateDirectory(_temp.Combine("project"));
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(wheel)));
        var locked = new LockedWheel(Path.GetFileName(wheel), null, "../links/" + Path.GetFileName(wheel), new FileInfo(wheel).Length, sha);
        return (new LockedPackage(name, version, locked, null, "../links"), wheel);
    }

    private IReadOnlyList<string> Fetch(params LockedPackage[] packages) =>
        [.. new LockedWheelFetcher(LockPath).Fetch(new PylockDocument("1.0", null, "test", packages), _temp.Combine("fetched")).Select(w => w.Path)];

    [Fact]
    public void Wheels_are_copied_from_paths_relative_to_the_lock_and_match()
    {
        var (package, wheel) = Locked();
        var fetched = Assert.Single(Fetch(package));
        Assert.Equal(File.ReadAllBytes(wheel), File.ReadAllBytes(fetched));
    }

    [Fact]
    public void A_changed_byte_is_exit_65_naming_the_file_and_both_hashes()
    {
        var (package, wheel) = Locked();
        var bytes = File.ReadAllBytes(wheel);
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(wheel, bytes);

        var error = Assert.Throws<SatchelException>(() => Fetch(package));

        Assert.Equal(ExitCodes.Data, error.ExitCode);
        Assert.Contains(package.Wheel!.Sha256, error.Message, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(bytes)), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_size_that_disagrees_is_refused_even_when_the_hash_was_edited_to_match()
    {
        var (package, _) = Locked();
        var error = Assert.Throws<SatchelException>(() => Fetch(package with { Wheel = package.Wheel! with { Size = package.Wheel!.Size + 1 } }));
        Assert.Equal(ExitCodes.Data, error.ExitCode);
    }

    [Fact]
    public void A_missing_wheel_is_exit_66()
    {
        var (package, wheel) = Locked();
        File.Delete(wheel);
        Assert.Equal(ExitCodes.NoInput, Assert.Throws<SatchelException>(() => Fetch(package)).ExitCode);
    }

    [Theory]
    [InlineData("../evil-1.0-py3-none-any.whl")]
    [InlineData("other-1.0-py3-none-any.whl")]
    [InlineData("pkg-2.0-py3-none-any.whl")]
    [InlineData("pkg-1.0.tar.gz")]
    public void A_wheel_name_that_is_not_the_package_s_plain_wheel_file_name_is_refused(string fileName)
    {
        var (package, _) = Locked();
        var error = Assert.Throws<SatchelException>(() => Fetch(package with { Wheel = package.Wheel! with { FileName = fileName } }));
        Assert.Equal(ExitCodes.Data, error.ExitCode);
        Assert.False(File.Exists(_temp.Combine("evil-1.0-py3-none-any.whl")));
    }

    [Fact]
    public void Wheels_are_downloaded_over_http_and_a_missing_url_is_exit_69()
    {
        var (package, wheel) = Locked();
        using var index = new SimpleIndexServer(_temp.Combine("links"));
        var url = $"http://127.0.0.1:{index.Port}/files/{Path.GetFileName(wheel)}";
        var fetched = Assert.Single(Fetch(package with { Wheel = package.Wheel! with { Path = null, Url = url } }));
        Assert.Equal(File.ReadAllBytes(wheel), File.ReadAllBytes(fetched));

        Directory.Delete(_temp.Combine("fetched"), recursive: true);
        var error = Assert.Throws<SatchelException>(() => Fetch(package with { Wheel = package.Wheel! with { Path = null, Url = url + ".gone" } }));
        Assert.Equal(ExitCodes.Unavailable, error.ExitCode);
    }
}
