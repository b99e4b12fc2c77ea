using FsCheck;
using FsCheck.Fluent;
using Satchel.Runtime.Format;
using Xunit;

namespace Satchel.Runtime.Tests.Format;

/// <summary>
/// The validator's case-collision check compares paths without allocating folded copies; it
/// must agree exactly with folding the strings (lower-case, then upper-case, invariant).
/// </summary>
public sealed class CaseFoldedComparerTests
{
    // ASCII, Latin-1, Greek, the Kelvin/Ohm/Angstrom signs, dotted/dotless i, a non-BMP letter pair
    // (Deseret) and a non-letter: the characters where folding is interesting.
    private static readonly string[] Pieces =
    [
        "a", "A", "k", "K", "\u212A", "\u03C9", "\u03A9", "\u2126", "\u00E5", "\u00C5", "\u212B", "i", "I",
        "\u0130", "\u0131", "\u00DF", "\u1E9E", "\U00010400", "\U00010428", "/", ".", "_", "1", "\u00E9", "\u00C9",
    ];

    [Fact]
    public void Agrees_with_folding_the_strings()
    {
        var text = Gen.Elements(Pieces).ListOf().Select(parts => string.Concat(parts));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), Prop.ForAll(text.ToArbitrary(), text.ToArbitrary(), (x, y) =>
        {
            var expected = string.Equals(Fold(x), Fold(y), StringComparison.Ordinal);
            Assert.Equal(expected, CaseFoldedComparer.Instance.Equals(x, y));
            if (expected)
            {
                Assert.Equal(CaseFoldedComparer.Instance.GetHashCode(x), CaseFoldedComparer.Instance.GetHashCode(y));
            }

            return true;
        }));
    }

    [Theory]
    [InlineData("README", "readme")]
    [InlineData("k", "\u212A")]
    [InlineData("\u03C9", "\u2126")]
    [InlineData("\u00E5", "\u212B")]
    [InlineData("lib/\U00010400.py", "LIB/\U00010428.py")]
    public void Folds_names_a_case_insensitive_file_system_would_merge(string x, string y) =>
        Assert.True(CaseFoldedComparer.Instance.Equals(x, y));

    private static string Fold(string s) => s.ToLowerInvariant().ToUpperInvariant();
}
