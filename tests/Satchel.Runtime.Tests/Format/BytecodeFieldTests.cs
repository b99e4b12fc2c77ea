using Satchel.Runtime.Format;
using Xunit;

namespace Satchel.Runtime.Tests.Format;

/// <summary>Header tag 11: the shipped bytecode units, and what a reader refuses in it.</summary>
public sealed class BytecodeFieldTests
{
    private static readonly UnitDescriptor[] Units =
    [
        new(Key(0), UnitKind.App, "app", 1, 10),
        new(Key(1), UnitKind.Wheel, "greet 1.0", 2, 50),
        new(Key(2), UnitKind.Bytecode, "app (cpython-311)", 1, 120),
        new(Key(3), UnitKind.Bytecode, "greet 1.0 (cpython-311)", 1, 130),
    ];

    private static byte[] Key(int seed) => Enumerable.Range(seed, 32).Select(i => (byte)i).ToArray();

    private static byte[] Encode(IReadOnlyList<BytecodeUnit> bytecode) =>
        new PayloadHeader("app", ExtractMode.Cache, new LaunchSpec(LaunchKind.Python, 0, string.Empty, [], [], new PythonLaunch("==3.11.*", PythonEntryKind.Module, "app", [])),
            Units, new byte[32], Bytecode: bytecode).Encode();

    [Fact]
    public void Bytecode_units_round_trip()
    {
        BytecodeUnit[] bytecode = [new(2, 0, "cpython-311"), new(3, 1, "cpython-311")];

        var decoded = PayloadHeader.Decode(Encode(bytecode));

        Assert.Equal(bytecode, decoded.Bytecode);
        Assert.Equal(new BytecodeUnit(3, 1, "cpython-311"), BytecodeUnit.Of(decoded.Bytecode, 3));
    }

    [Fact]
    public void A_header_without_tag_11_ships_no_bytecode() =>
        Assert.Empty(PayloadHeader.Decode(new PayloadHeader("app", ExtractMode.Cache, new LaunchSpec(LaunchKind.Exec, 0, "run", [], []), Units[..2], new byte[32]).Encode()).Bytecode);

    [Theory]
    [InlineData(2, 0, "cpython-311", false)] // unit 3 is bytecode but not described
    [InlineData(1, 0, "cpython-311", true)] // a wheel unit described as bytecode
    [InlineData(2, 3, "cpython-311", true)] // bytecode compiled from bytecode
    [InlineData(2, 9, "cpython-311", true)] // a target that does not exist
    [InlineData(2, 0, "../../x", true)] // a tag that cannot be part of a file name
    [InlineData(2, 0, "", true)]
    public void A_bytecode_field_that_does_not_match_the_units_is_refused(int unit, int target, string tag, bool describeTheOther)
    {
        List<BytecodeUnit> bytecode = [new(unit, target, tag)];
        if (describeTheOther)
        {
            bytecode.Add(new BytecodeUnit(3, 1, "cpython-311"));
        }

        Assert.Throws<FormatViolationException>(() => PayloadHeader.Decode(Encode(bytecode)));
    }
}
