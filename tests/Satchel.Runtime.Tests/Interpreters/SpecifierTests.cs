using FsCheck;
using FsCheck.Fluent;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Interpreters;
using Xunit;

namespace Satchel.Runtime.Tests.Interpreters;

public sealed class SpecifierTests
{
    [Theory]
    [InlineData(">=3.9,<3.13", "3.9.0", true)]
    [InlineData(">=3.9,<3.13", "3.12.99", true)]
    [InlineData(">=3.9,<3.13", "3.13.0", false)]
    [InlineData(">=3.9,<3.13", "3.8.18", false)]
    [InlineData(" >= 3.9 , < 3.13 ", "3.10.1", true)]
    [InlineData("==3.11.*", "3.11.0", true)]
    [InlineData("==3.11.*", "3.11.7", true)]
    [InlineData("==3.11.*", "3.1.1", false)]
    [InlineData("==3.11.*", "3.12.0", false)]
    [InlineData("==3.11", "3.11.0", true)]
    [InlineData("==3.11", "3.11.7", false)]
    [InlineData("==3.11.0", "3.11", true)]
    [InlineData("==3.11.7", "3.11.7+local.1", true)]
    [InlineData("==3.11.7+local.1", "3.11.7", false)]
    [InlineData("!=3.12.0", "3.12.0", false)]
    [InlineData("!=3.12.0", "3.12.1", true)]
    [InlineData("!=3.12.*", "3.12.1", false)]
    [InlineData("!=3.12.*", "3.13.0", true)]
    [InlineData("~=3.10", "3.10.0", true)]
    [InlineData("~=3.10", "3.13.1", true)]
    [InlineData("~=3.10", "3.9.18", false)]
    [InlineData("~=3.10", "4.0", false)]
    [InlineData("~=3.10.2", "3.10.5", true)]
    [InlineData("~=3.10.2", "3.11.0", false)]
    [InlineData("~=3.10.2", "3.10.1", false)]
    [InlineData(">3.8", "3.8.18", true)]
    [InlineData(">3.8", "3.8.0", false)]
    [InlineData(">3.8.0", "3.8.0.post1", false)]
    [InlineData(">3.8.0.post1", "3.8.0.post2", true)]
    [InlineData("<=3.12", "3.12.0", true)]
    [InlineData("<=3.12", "3.12.1", false)]
    [InlineData("<3.13", "3.12.9", true)]
    [InlineData("===3.11.7", "3.11.7", true)]
    [InlineData("===3.11.7", "3.11.7.0", false)]
    [InlineData("===3.11", "3.11.0", false)]
    [InlineData("", "3.6.15", true)]
    public void Final_releases_match_as_PEP_440_says(string spec, string version, bool expected) =>
        Assert.Equal(expected, Set(spec).Contains(PythonVersion.Parse(version)));

    [Theory]
    // By default a pre-release matches nothing...
    [InlineData(">=3.12", "3.13.0rc1", false, false)]
    [InlineData("", "3.14.0a1", false, false)]
    // ...unless the caller allows it (the selector does, when no final release matches)...
    [InlineData(">=3.12", "3.13.0rc1", true, true)]
    [InlineData("==3.13.*", "3.13.0rc1", true, true)]
    // ...or a clause names a pre-release.
    [InlineData(">=3.13.0rc1", "3.13.0rc2", false, true)]
    [InlineData(">=3.13.0rc1", "3.13.0b1", false, false)]
    // "<3.13" never admits a pre-release of 3.13, even when pre-releases are allowed.
    [InlineData("<3.13", "3.13.0rc1", true, false)]
    [InlineData("<3.13", "3.12.0rc1", true, true)]
    [InlineData("<3.13.0rc2", "3.13.0rc1", false, true)]
    public void Pre_releases_match_only_when_allowed_or_named(string spec, string version, bool allow, bool expected) =>
        Assert.Equal(expected, Set(spec).Contains(PythonVersion.Parse(version), allow));

    [Theory]
    [InlineData("3.9", "no operator")]
    [InlineData(">=", "no version after >=")]
    [InlineData("=>3.9", "does not start with")]
    [InlineData(">=3.9,", "empty clause")]
    [InlineData(">=3.9,,<4", "empty clause")]
    [InlineData(">=3.*", "only allowed with == and !=")]
    [InlineData("==3.11.0rc1.*", "may only follow release numbers")]
    [InlineData("~=3", "at least two release numbers")]
    [InlineData("~=3.10.*", "only allowed with == and !=")]
    [InlineData(">=3.9+local", "local version label")]
    [InlineData(">=3.x", "'>=3.x'")]
    [InlineData(">= 3. 9", "space inside")]
    public void Malformed_specifiers_are_refused_with_a_reason(string spec, string reason)
    {
        Assert.False(SpecifierSet.TryParse(spec, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Fact]
    public void A_malformed_requirement_is_a_usage_error_that_quotes_it()
    {
        var e = Assert.Throws<SatchelException>(() => InterpreterRequirement.Parse(">=3.9,<3.x"));
        Assert.Equal(ExitCodes.Usage, e.ExitCode);
        Assert.Contains("'>=3.9,<3.x'", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Clauses_are_normalised_and_repeated_ones_dropped() =>
        Assert.Equal(">=3.9.0,<3.13,==3.11.*", Set(">= v3.9.0 ,<3.13, ==3.11.*, >=3.9.0").ToString());

    /// <summary>The defining property of a half-open range: >=a,&lt;b holds for v exactly when a &lt;= v &lt; b.</summary>
    [Fact]
    public void A_range_matches_exactly_the_versions_inside_it()
    {
        var release = Gen.Choose(1, 4).SelectMany(n => Gen.Choose(0, 4).ArrayOf(n));
        var property = Prop.ForAll(release.ToArbitrary(), release.ToArbitrary(), release.ToArbitrary(), (a, b, v) =>
        {
            var low = PythonVersion.Parse(string.Join('.', a));
            var high = PythonVersion.Parse(string.Join('.', b));
            var version = PythonVersion.Parse(string.Join('.', v));
            return Set($">={low},<{high}").Contains(version) == (low <= version && version < high);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    /// <summary>A wildcard is a prefix test on release numbers padded with zeros.</summary>
    [Fact]
    public void A_wildcard_matches_exactly_the_versions_with_that_prefix()
    {
        var release = Gen.Choose(1, 4).SelectMany(n => Gen.Choose(0, 3).ArrayOf(n));
        var property = Prop.ForAll(release.ToArbitrary(), release.ToArbitrary(), (prefix, v) =>
        {
            var padded = v.Concat(Enumerable.Repeat(0, prefix.Length)).Take(Math.Max(prefix.Length, v.Length)).ToArray();
            var expected = padded.Take(prefix.Length).SequenceEqual(prefix);
            var version = PythonVersion.Parse(string.Join('.', v));
            return Set($"=={string.Join('.', prefix)}.*").Contains(version) == expected
                && Set($"!={string.Join('.', prefix)}.*").Contains(version) == !expected;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }

    private static SpecifierSet Set(string text) =>
        SpecifierSet.TryParse(text, out var set, out var error) ? set : throw new InvalidOperationException(error);
}
