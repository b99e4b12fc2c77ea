using Satchel.Runtime.Format;
using Xunit;

namespace Satchel.Runtime.Tests.Format;

/// <summary>Header tag 12: the interpreter sets of an app built with several --python, and what a reader refuses in it.</summary>
public sealed class PythonAlternativesFieldTests
{
    private static readonly UnitDescriptor[] Units =
    [
        new(Key(0), UnitKind.App, "app", 1, 10),
        new(Key(1), UnitKind.Wheel, "ext 1.0", 1, 50),
        new(Key(2), UnitKind.Wheel, "ext 1.0", 1, 60),
        new(Key(3), UnitKind.Wheel, "pure 1.0", 2, 70),
    ];

    private static byte[] Key(int seed) => Enumerable.Range(seed, 32).Select(i => (byte)i).ToArray();

    private static PayloadHeader Header(IReadOnlyList<PythonAlternative> alternatives, BundledInterpreter? bundled = null) =>
        new("app", ExtractMode.Cache, new LaunchSpec(LaunchKind.Python, 0, string.Empty, [], [],
            new PythonLaunch("==3.9.*", PythonEntryKind.Module, "app", [new(1, "site-packages"), new(3, "site-packages")], bundled, alternatives)), Units, new byte[32]);

    [Fact]
    public void Interpreter_sets_round_trip_and_each_set_gives_the_launch_its_requirement_and_sys_path()
    {
        PythonAlternative[] alternatives = [new("==3.11.*", [new(2, "site-packages"), new(3, "site-packages")]), new("==3.13.*", [new(3, "site-packages")])];

        var decoded = PayloadHeader.Decode(Header(alternatives).Encode());

        var python = decoded.Launch.Python!;
        Assert.Equal(["==3.9.*", "==3.11.*", "==3.13.*"], python.Requirements());
        Assert.Equal(alternatives[0].Paths, python.Alternatives[0].Paths);
        var second = decoded.ForPythonSet(1).Launch.Python!;
        Assert.Equal("==3.11.*", second.Requirement);
        Assert.Equal([new UnitPath(2, "site-packages"), new UnitPath(3, "site-packages")], second.Paths);
        Assert.Empty(second.Alternatives);
        Assert.Equal("==3.9.*", decoded.ForPythonSet(0).Launch.Python!.Requirement);
        Assert.Same(decoded.Units, decoded.ForPythonSet(2).Units); // unit indexes hold in every set
    }

    [Fact]
    public void A_header_of_one_interpreter_has_no_tag_12_and_is_its_own_only_set()
    {
        var bytes = Header([]).Encode();

        Assert.False(HeaderField.TryFind(bytes, HeaderTags.PythonAlternatives, out _));
        var decoded = PayloadHeader.Decode(bytes);
        Assert.Equal(["==3.9.*"], decoded.Launch.Python!.Requirements());
        Assert.Same(decoded, decoded.ForPythonSet(0));
    }

    [Fact]
    public void A_set_naming_a_unit_that_does_not_exist_is_refused() =>
        Assert.Throws<FormatViolationException>(() => PayloadHeader.Decode(Header([new("==3.11.*", [new(9, "site-packages")])]).Encode()));

    [Fact]
    public void A_set_with_a_directory_that_escapes_its_unit_is_refused() =>
        Assert.Throws<FormatViolationException>(() => PayloadHeader.Decode(Header([new("==3.11.*", [new(2, "../x")])]).Encode()));

    [Fact]
    public void Sets_beside_a_bundled_interpreter_are_refused()
    {
        UnitDescriptor[] units = [.. Units, new(Key(4), UnitKind.Interpreter, "python", 1, 1)];
        var header = Header([new("==3.11.*", [new(2, "site-packages")])], new BundledInterpreter(4, "bin/python3.9", "3.9.18", "", "x86_64")) with { Units = units };
        Assert.Throws<FormatViolationException>(() => PayloadHeader.Decode(header.Encode()));
    }
}
