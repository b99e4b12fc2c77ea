using Satchel.Runtime.Format;
using Xunit;

namespace Satchel.Runtime.Tests.Format;

/// <summary>Header tag 7: the bundled interpreter, and what a reader refuses in it.</summary>
public sealed class BundledInterpreterFieldTests
{
    private static readonly UnitDescriptor[] Units =
    [
        new(Key(0), UnitKind.App, "app", 1, 10),
        new(Key(1), UnitKind.Wheel, "markupsafe 2.1.3", 12, 50_000),
        new(Key(2), UnitKind.Interpreter, "python 3.11.2", 806, 22_000_000),
    ];

    private static byte[] Key(int seed) => Enumerable.Range(seed, 32).Select(i => (byte)i).ToArray();

    private static byte[] Encode(BundledInterpreter bundled, LaunchKind kind = LaunchKind.Python)
    {
        var python = new PythonLaunch("==3.11.*;impl=cp;abi=cp311", PythonEntryKind.Module, "app", [new UnitPath(1, "site-packages")], bundled);
        var launch = kind == LaunchKind.Python
            ? new LaunchSpec(LaunchKind.Python, 0, string.Empty, [], [], python)
            : new LaunchSpec(LaunchKind.Exec, 0, "run", [], [], python);
        return new PayloadHeader("app", ExtractMode.Cache, launch, Units, new byte[32]).Encode();
    }

    [Fact]
    public void The_bundled_interpreter_round_trips_and_names_its_unit()
    {
        var bundled = new BundledInterpreter(2, "bin/python3.11", "3.11.2", "", "x86_64");
        var decoded = PayloadHeader.Decode(Encode(bundled));
        Assert.Equal(bundled, decoded.Launch.Python!.Bundled);
        Assert.Equal(22_000_000, decoded.Units[decoded.Launch.Python.Bundled!.Unit].InstalledSize);
    }

    [Fact]
    public void A_python_header_without_tag_7_has_no_bundled_interpreter()
    {
        var python = new PythonLaunch(">=3.9", PythonEntryKind.Module, "app", []);
        var header = new PayloadHeader("app", ExtractMode.Cache, new LaunchSpec(LaunchKind.Python, 0, string.Empty, [], [], python), Units, new byte[32]);
        Assert.Null(PayloadHeader.Decode(header.Encode()).Launch.Python!.Bundled);
    }

    [Theory]
    [InlineData(1, "bin/python3.11", "3.11.2")] // a wheel unit, not an interpreter
    [InlineData(3, "bin/python3.11", "3.11.2")] // no such unit
    [InlineData(2, "../bin/sh", "3.11.2")] // a binary outside the unit
    [InlineData(2, "/usr/bin/python3", "3.11.2")] // an absolute binary
    [InlineData(2, "bin/python3.11", "")] // no version
    [InlineData(2, "bin/python3.11", "x")] // not a version
    public void A_bundled_interpreter_that_cannot_be_right_is_refused(int unit, string binary, string version)
    {
        var header = Encode(new BundledInterpreter(unit, binary, version, "", "x86_64"));
        Assert.Throws<FormatViolationException>(() => PayloadHeader.Decode(header));
    }

    [Fact]
    public void Tag_7_in_an_exec_app_is_refused()
    {
        var header = Encode(new BundledInterpreter(2, "bin/python3.11", "3.11.2", "", "x86_64"), LaunchKind.Exec);
        Assert.Throws<FormatViolationException>(() => PayloadHeader.Decode(header));
    }

    [Fact]
    public void Trailing_bytes_in_tag_7_are_refused()
    {
        var w = new ByteWriter();
        new BundledInterpreter(2, "bin/python3.11", "3.11.2", "", "x86_64").Encode(w);
        w.U8(0);
        Assert.Throws<FormatViolationException>(() => BundledInterpreter.Decode(w.Written));
    }
}
