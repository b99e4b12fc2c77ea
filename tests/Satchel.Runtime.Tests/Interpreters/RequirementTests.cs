using FsCheck;
using FsCheck.Fluent;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Interpreters;
using Xunit;

namespace Satchel.Runtime.Tests.Interpreters;

public sealed class RequirementTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData(">=3.9,<3.13", ">=3.9,<3.13")]
    [InlineData(">=3.9;abi=cp311;impl=cpython", ">=3.9;impl=cp;abi=cp311")]
    [InlineData("; machine = AMD64 ;impl=cp", ";impl=cp;machine=amd64")]
    [InlineData(";abi=CP313T", ";abi=cp313t")]
    public void The_compact_form_is_normalised(string text, string normal) =>
        Assert.Equal(normal, InterpreterRequirement.Parse(text).ToString());

    [Theory]
    [InlineData(">=3.9;impl=pp", "only 'cp'")]
    [InlineData(">=3.9;abi=abi3", "not a CPython ABI tag")]
    [InlineData(">=3.9;abi=cp3", "not a CPython ABI tag")]
    [InlineData(";abi=cp311;abi=cp312", "given twice")]
    [InlineData(";colour=blue", "unknown part 'colour'")]
    [InlineData(";impl", "not key=value")]
    [InlineData(";machine=x86 64", "not a machine name")]
    public void Malformed_parts_are_usage_errors(string text, string reason)
    {
        var e = Assert.Throws<SatchelException>(() => InterpreterRequirement.Parse(text));
        Assert.Equal(ExitCodes.Usage, e.ExitCode);
        Assert.Contains(reason, e.Message);
        Assert.Contains($"'{text}'", e.Message);
    }

    [Fact]
    public void Intersection_keeps_every_constraint()
    {
        var both = InterpreterRequirement.Parse(">=3.9").Intersect(InterpreterRequirement.ForAbiTag("cp311")).Intersect(InterpreterRequirement.Parse("<3.13,>=3.9"));
        Assert.Equal(">=3.9,<3.13;impl=cp;abi=cp311", both.ToString());
        Assert.Equal(both, InterpreterRequirement.Any.Intersect(both));
    }

    [Fact]
    public void Two_different_wheel_ABIs_cannot_be_intersected()
    {
        var e = Assert.Throws<SatchelException>(() => InterpreterRequirement.ForAbiTag("cp311").Intersect(InterpreterRequirement.ForAbiTag("cp312")));
        Assert.Equal(ExitCodes.Data, e.ExitCode);
        Assert.Contains("cp311 and cp312", e.Message);
        Assert.Null(InterpreterRequirement.Parse(";machine=x86_64").TryIntersect(InterpreterRequirement.Parse(";machine=aarch64"), out var conflict));
        Assert.Contains("x86_64 and aarch64", conflict);
        Assert.NotNull(InterpreterRequirement.Parse(";machine=amd64").TryIntersect(InterpreterRequirement.Parse(";machine=x86_64"), out _));
    }

    [Theory]
    [InlineData(">=3.12", "3.8.18", "", "3.8.18 does not satisfy >=3.12")]
    [InlineData(">=3.9,<3.13", "3.13.0", "", "3.13.0 does not satisfy <3.13")]
    [InlineData(";abi=cp311", "3.11.7", "t", "ABI cp311t, but the binary wheels need cp311")]
    [InlineData(";abi=cp37m", "3.7.16", "m", null)]
    [InlineData(";machine=aarch64", "3.11.7", "", "built for x86_64, not aarch64")]
    [InlineData(">=3.12", "3.13.0rc1", "", "3.13.0rc1 is a pre-release")]
    [InlineData(">=3.12", "3.12.1", "", null)]
    public void Rejections_say_what_does_not_fit(string requirement, string version, string abiFlags, string? reason)
    {
        var facts = Facts(PythonVersion.Parse(version), abiFlags);
        var rejection = InterpreterRequirement.Parse(requirement).Rejection(facts, allowPrereleases: false);
        if (reason is null)
        {
            Assert.Null(rejection);
        }
        else
        {
            Assert.StartsWith(reason, rejection);
        }
    }

    [Fact]
    public void An_implementation_requirement_rejects_other_implementations() =>
        Assert.Equal("pypy, not CPython", InterpreterRequirement.Parse(";impl=cp").Rejection(Facts(PythonVersion.Parse("3.10.14"), "", "pypy"), false));

    /// <summary>Whatever the lead stores in the payload header reads back as the same requirement.</summary>
    [Fact]
    public void The_compact_form_round_trips()
    {
        var clause = Gen.Elements(">=", "<=", "<", ">", "==", "!=", "~=")
            .Zip(Gen.Choose(2, 3).SelectMany(n => Gen.Choose(0, 13).ArrayOf(n)))
            .Select(p => p.Item1 + string.Join('.', p.Item2));
        var requirement =
            from clauses in Gen.Choose(0, 4).SelectMany(n => clause.ArrayOf(n))
            from abi in Gen.Elements<string?>(null, "cp311", "cp313t", "cp37m")
            from machine in Gen.Elements<string?>(null, "x86_64", "aarch64")
            from impl in Gen.Elements(false, true)
            select string.Join(',', clauses) + (impl ? ";impl=cp" : "") + (abi is null ? "" : ";abi=" + abi) + (machine is null ? "" : ";machine=" + machine);
        var property = Prop.ForAll(requirement.ToArbitrary(), text =>
        {
            var parsed = InterpreterRequirement.Parse(text);
            return InterpreterRequirement.Parse(parsed.ToString()) == parsed && parsed.ToString() == InterpreterRequirement.Parse(parsed.ToString()).ToString();
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    internal static InterpreterFacts Facts(PythonVersion version, string abiFlags = "", string implementation = "cpython") =>
        new("/opt/python/bin/python3", new BinaryStamp(1, 1), implementation, version, abiFlags, "x86_64", "/opt/python/bin/python3",
            "/opt/python", "/opt/python", false, "/opt/python/lib/python3", true, true);
}
