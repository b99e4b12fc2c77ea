using FsCheck;
using FsCheck.Fluent;
using Satchel.Testing;
using Satchel.Testing.Payloads;
using Xunit;
using Xunit.Abstractions;

namespace Satchel.Build.Tests.Hostile;

/// <summary>
/// Raw damage to a real writer's output, in process: bit flips, truncation and ranges cut out of
/// the middle. Every payload byte is under a CRC or a SHA-256, so all of it must be refused
/// (exit 65, one line, nothing kept); flips in the launcher bytes before the payload must change
/// nothing. Each case is checked by <see cref="FaultCaseRunner"/>. The counts are the figures of
/// docs/reliability.md.
/// </summary>
public sealed class RawDamagePropertyTests(FaultBaseApp app, ITestOutputHelper output) : IClassFixture<FaultBaseApp>, IDisposable
{
    public const int FlipCases = 3000;
    public const int RandomCutCases = 1000;
    public const int HoleCases = 1000;

    private readonly TempDirectory _dir = TempDirectory.InMemory("satchel-raw-damage");

    [Fact]
    public void Bit_flips_in_the_payload_are_refused_and_flips_in_the_launcher_bytes_change_nothing()
    {
        var runner = new FaultCaseRunner(_dir.Combine("case"));
        var known = CacheAudit.Known(app.Sections.Index);
        var prefixOnly = 0;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(FlipCases), Prop.ForAll(BitFlips.In(app.Bytes.Length).ToArbitrary(), flips =>
        {
            var error = runner.Run(BitFlips.Apply(app.Bytes, flips), known);
            if (flips.All(f => f.Position < FaultBaseApp.PrefixLength))
            {
                // The reader never looks before the payload.
                Assert.Null(error);
                prefixOnly++;
            }
            else
            {
                Assert.NotNull(error);
            }
        }));

        output.WriteLine(runner.Report("raw bit flips"));
        Assert.Equal(FlipCases, runner.Total);
        Assert.InRange(prefixOnly, 1, runner.Total - 1);
    }

    [Fact]
    public void Truncation_at_every_section_boundary_is_refused()
    {
        var runner = new FaultCaseRunner(_dir.Combine("case"));
        var known = CacheAudit.Known(app.Sections.Index);
        var cuts = app.Sections.Boundaries().SelectMany(b => new[] { b - 1, b, b + 1 }).Where(c => c >= 0 && c < app.Bytes.Length).Distinct().ToList();
        foreach (var cut in cuts)
        {
            Assert.NotNull(runner.Run(app.Bytes[..(int)cut], known));
        }

        output.WriteLine(runner.Report("truncation at section boundaries"));
        Assert.Equal(runner.Total, runner.Refused);
        Assert.True(cuts.Count >= 40, $"only {cuts.Count} boundary cuts");
    }

    [Fact]
    public void Truncation_at_random_points_is_refused()
    {
        var runner = new FaultCaseRunner(_dir.Combine("case"));
        var known = CacheAudit.Known(app.Sections.Index);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(RandomCutCases), Prop.ForAll(Gen.Choose(0, app.Bytes.Length - 1).ToArbitrary(), cut =>
        {
            Assert.NotNull(runner.Run(app.Bytes[..cut], known));
        }));

        output.WriteLine(runner.Report("truncation at random points"));
        Assert.Equal(RandomCutCases, runner.Refused);
    }

    [Fact]
    public void Ranges_cut_out_before_an_intact_trailer_are_refused()
    {
        var runner = new FaultCaseRunner(_dir.Combine("case"));
        var known = CacheAudit.Known(app.Sections.Index);
        var end = (int)app.Sections.TrailerAt;
        var holes = Gen.Choose(FaultBaseApp.PrefixLength, end - 1).SelectMany(start => Gen.Choose(1, Math.Min(4096, end - start)).Select(length => (start, length)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(HoleCases), Prop.ForAll(holes.ToArbitrary(), hole =>
        {
            var file = app.Bytes[..hole.start].Concat(app.Bytes[(hole.start + hole.length)..]).ToArray();
            Assert.NotNull(runner.Run(file, known));
        }));

        output.WriteLine(runner.Report("ranges cut out, trailer kept"));
        Assert.Equal(HoleCases, runner.Refused);
    }

    public void Dispose() => _dir.Dispose();
}
