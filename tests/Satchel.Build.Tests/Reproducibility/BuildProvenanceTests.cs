using FsCheck;
using FsCheck.Fluent;
using Satchel.Build.Packing;
using Satchel.Build.Reproducibility;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Testing;
using Xunit;

namespace Satchel.Build.Tests.Reproducibility;

/// <summary>Header field 8 as written by the payload writer and read by the runtime's decoder.</summary>
public sealed class BuildProvenanceTests
{
    private static PackedPayload Pack(TempDirectory dir, string output, BuildProvenance? provenance)
    {
        dir.Write("src/run", "#!/bin/sh\n", executable: true);
        var spec = new PayloadSpec("t", ExtractMode.Cache, new LaunchSpec(LaunchKind.Exec, 0, "run", [], []), Provenance: provenance);
        using var stream = File.Create(dir.Combine(output));
        stream.Write("launcher"u8);
        return new PayloadWriter(CompressionSettings.Default).Write(stream, [new UnitSource(UnitKind.App, "t", SourceTreeScanner.Scan(dir.Combine("src")))], spec);
    }

    [Fact]
    public void The_field_round_trips_through_a_packed_file_and_older_header_fields_still_decode()
    {
        using var dir = new TempDirectory();
        var provenance = new BuildProvenance(1_700_000_000, "0.1.0+abc", "cpython 3.11.7", [.. Enumerable.Range(0, 32).Select(i => (byte)i)]);
        var packed = Pack(dir, "app", provenance);

        using var app = AppFile.Open(dir.Combine("app"));
        var read = BuildProvenance.Read(app)!;
        Assert.Equal(provenance.SourceDateEpoch, read.SourceDateEpoch);
        Assert.Equal(provenance.SatchelVersion, read.SatchelVersion);
        Assert.Equal(provenance.BuildInterpreter, read.BuildInterpreter);
        Assert.Equal(provenance.LockSha256, read.LockSha256);
        Assert.Equal(packed.Header.Units[0].Key, app.Header.Units[0].Key);
        Assert.Equal("run", app.Header.Launch.EntryPath);
    }

    [Fact]
    public void A_header_without_the_field_has_no_provenance()
    {
        using var dir = new TempDirectory();
        Pack(dir, "app", null);
        using var app = AppFile.Open(dir.Combine("app"));
        Assert.Null(BuildProvenance.Read(app));
    }

    [Fact]
    public void Any_provenance_round_trips_and_any_truncation_of_it_is_a_format_violation()
    {
        var values =
            from epoch in Gen.Choose(0, int.MaxValue)
            from text in Gen.Elements('0', '.', '+', 'é', '\0', '\n', ' ').ArrayOf().Select(c => new string(c))
            from locked in Gen.Elements(false, true)
            select new BuildProvenance(epoch, text, "cpython " + epoch, locked ? [.. Enumerable.Range(0, 32).Select(i => (byte)(i * epoch))] : []);
        var property = Prop.ForAll(Arb.From(values), value =>
        {
            var field = value.EncodeField();
            var decoded = BuildProvenance.FromHeader(field)!;
            Assert.Equal(value.SourceDateEpoch, decoded.SourceDateEpoch);
            Assert.Equal(value.SatchelVersion, decoded.SatchelVersion);
            Assert.Equal(value.LockSha256, decoded.LockSha256);
            Assert.Throws<FormatViolationException>(() => BuildProvenance.FromHeader(field.AsSpan(0, field.Length - 1)));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    [Theory]
    [InlineData(null, SourceDateEpoch.Default)]
    [InlineData("", SourceDateEpoch.Default)]
    [InlineData("0", 0)]
    [InlineData("1700000000", 1700000000)]
    public void SOURCE_DATE_EPOCH_is_honoured_else_the_fixed_default(string? text, long expected)
    {
        var variables = text is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [SourceDateEpoch.Variable] = text };
        Assert.Equal(expected, SourceDateEpoch.Resolve(variables));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("soon")]
    [InlineData(" 12")]
    public void A_SOURCE_DATE_EPOCH_that_is_not_an_integer_of_seconds_is_a_usage_error(string text)
    {
        var error = Assert.Throws<SatchelException>(() => SourceDateEpoch.Resolve(new Dictionary<string, string> { [SourceDateEpoch.Variable] = text }));
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
    }
}
