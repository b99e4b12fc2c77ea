using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using Satchel.Runtime.Hashing;
using Xunit;

namespace Satchel.Runtime.Tests.Hashing;

/// <summary>
/// The hand-bound libcrypto SHA-256 that extraction uses on Linux: it must be found on a machine
/// that has OpenSSL (else every first run would quietly take the six times slower managed code),
/// and agree with the BCL however the data is cut. (The suite runs on Linux, like the rest of it.)
/// </summary>
public sealed class OpenSslSha256Tests
{
    [Fact]
    public void Is_bound_on_a_Linux_with_OpenSSL_and_chosen_over_the_managed_code()
    {
        Assert.True(OpenSslSha256.IsAvailable, "libcrypto.so.3 or .so.1.1 should load on this machine");
        Assert.False(Sha256Hash.UsesManagedCode);
    }

    [Fact]
    public void Agrees_with_the_BCL_for_any_data_cut_any_way()
    {
        using var sha = new OpenSslSha256();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(CutData.Arbitrary(Gen.OneOf(Gen.Choose(0, 300), Gen.Choose(0, 100_000)), maxCut: 4099), c =>
        {
            c.Feed((data, at, n) => sha.AppendData(data.AsSpan(at, n)));
            var hash = new byte[32];
            sha.GetHashAndReset(hash);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(c.Data)), Convert.ToHexStringLower(hash));
            Assert.Equal(Convert.ToHexStringLower(hash), Convert.ToHexStringLower(Sha256Hash.HashData(c.Data)));
            return true;
        }));
    }
}
