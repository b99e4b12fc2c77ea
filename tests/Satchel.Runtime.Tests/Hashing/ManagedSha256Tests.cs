using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Satchel.Runtime.Hashing;
using Xunit;

namespace Satchel.Runtime.Tests.Hashing;

/// <summary>
/// The managed SHA-256 is what a first run without libssl trusts every extracted byte to: it must
/// give the standard's answers, and the BCL's, however the data is cut into appends.
/// </summary>
public sealed class ManagedSha256Tests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")]
    public void Gives_the_FIPS_180_examples(string message, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(ManagedSha256.HashData(Encoding.ASCII.GetBytes(message))));

    [Fact]
    public void Gives_the_million_a_example_appended_in_odd_pieces()
    {
        var sha = new ManagedSha256();
        var piece = Encoding.ASCII.GetBytes(new string('a', 997));
        var left = 1_000_000;
        while (left > 0)
        {
            var n = Math.Min(left, piece.Length);
            sha.AppendData(piece.AsSpan(0, n));
            left -= n;
        }

        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    [Fact]
    public void Agrees_with_the_BCL_for_any_data_cut_any_way()
    {
        // Lengths around the 55/56/64-byte padding edges are where an implementation goes wrong.
        var lengths = Gen.OneOf(Gen.Choose(0, 200), Gen.Elements(55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129), Gen.Choose(0, 5000));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1500), Prop.ForAll(CutData.Arbitrary(lengths, maxCut: 97), c =>
        {
            var sha = new ManagedSha256();
            c.Feed((data, at, n) => sha.AppendData(data.AsSpan(at, n)));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(c.Data)), Convert.ToHexStringLower(sha.GetHashAndReset()));
            return true;
        }));
    }

    [Fact]
    public void Starts_over_after_each_hash()
    {
        var sha = new ManagedSha256();
        sha.AppendData("first"u8);
        sha.GetHashAndReset();
        sha.AppendData("abc"u8);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(sha.GetHashAndReset()));
    }
}
