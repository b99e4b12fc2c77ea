using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using Satchel.Runtime.Format;
using Satchel.Testing;
using Satchel.Testing.Payloads;
using Xunit;
using Xunit.Abstractions;

namespace Satchel.Build.Tests.Hostile;

/// <summary>
/// Damage that the integrity chain cannot see: bits flipped in the index, the header or a block,
/// and then every hash above recomputed (block hash, index hash, unit keys, header CRC, app id),
/// so the damage reaches the decoders, the validator and the tree writer. Each case must end in a
/// clean refusal (exit 65, one line, nothing kept) or in an extraction that verifies against the
/// damaged index; <see cref="FaultCaseRunner"/> checks both. The counts are the figures of
/// docs/reliability.md.
/// </summary>
public sealed class ResealedDamagePropertyTests(FaultBaseApp app, ITestOutputHelper output) : IClassFixture<FaultBaseApp>, IDisposable
{
    public const int IndexCases = 2500;
    public const int HeaderCases = 1500;
    public const int BlockCases = 1500;

    private readonly TempDirectory _dir = TempDirectory.InMemory("satchel-resealed-damage");

    [Fact]
    public void Index_damage_is_refused_or_extracts_exactly_the_damaged_index()
    {
        var runner = new FaultCaseRunner(_dir.Combine("case"));
        var raw = app.Sections.IndexRaw;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(IndexCases), Prop.ForAll(BitFlips.In(raw.Length).ToArbitrary(), flips =>
        {
            var damaged = BitFlips.Apply(raw, flips);
            var decoded = TryDecode(damaged);

            // Keys recomputed from the damaged entries get the damage past the key check, to the validator and the writer.
            var keys = decoded is not null && decoded.Units.Count == app.Sections.Index.Units.Count
                ? decoded.Units.Select(u => UnitKey.Compute(u.Entries)).ToList()
                : null;
            var known = decoded is null ? CacheAudit.Known(app.Sections.Index) : CacheAudit.Known(app.Sections.Index, decoded);
            runner.Run(PayloadAssembler.ResealIndex(app.Sections, damaged, keys), known);
        }));

        output.WriteLine(runner.Report("index flips, resealed"));
        Assert.Equal(IndexCases, runner.Total);
        Assert.True(runner.Succeeded > 0, "index damage should sometimes hit only a mode bit, which is harmless");

        // The resealing must get damage past the integrity chain, to the validator and to the writer's file hashes.
        Assert.Contains(runner.Reasons.Keys, r => r.Contains("strict path order", StringComparison.Ordinal));
        Assert.Contains(runner.Reasons.Keys, r => r.Contains("which is not a directory of the unit", StringComparison.Ordinal));
        Assert.Contains(runner.Reasons.Keys, r => r.Contains("the blocks hold", StringComparison.Ordinal));
        Assert.Contains(runner.Reasons.Keys, r => r.Contains("does not match its SHA-# in the index", StringComparison.Ordinal));
    }

    [Fact]
    public void Header_damage_is_refused_or_runs()
    {
        var runner = new FaultCaseRunner(_dir.Combine("case"));
        var known = CacheAudit.Known(app.Sections.Index);
        var header = app.Sections.HeaderBytes;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(HeaderCases), Prop.ForAll(BitFlips.In(header.Length).ToArbitrary(), flips =>
        {
            runner.Run(PayloadAssembler.ResealHeader(app.Sections, BitFlips.Apply(header, flips)), known);
        }));

        output.WriteLine(runner.Report("header flips, resealed"));
        Assert.Equal(HeaderCases, runner.Total);
        Assert.True(runner.Succeeded > 0, "header damage should sometimes hit only a name, which is harmless");
        Assert.Contains(runner.Reasons.Keys, r => r.Contains("does not match its key", StringComparison.Ordinal));
    }

    [Fact]
    public void Block_damage_is_refused_by_the_decoder_or_the_file_hashes()
    {
        var runner = new FaultCaseRunner(_dir.Combine("case"));
        var known = CacheAudit.Known(app.Sections.Index);
        var blocks = app.Sections.Blocks().ToList();
        var damage = Gen.Choose(0, blocks.Count - 1).SelectMany(b => BitFlips.In(blocks[b].Ref.CompressedLength).Select(flips => (b, flips)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(BlockCases), Prop.ForAll(damage.ToArbitrary(), d =>
        {
            var (unit, block, at, blockRef) = blocks[d.b];
            var body = app.Sections.Body;
            var compressed = BitFlips.Apply(body.AsSpan((int)at, blockRef.CompressedLength).ToArray(), d.flips);
            compressed.CopyTo(body, at);
            var index = WithBlockHash(app.Sections.Index, unit, block, SHA256.HashData(compressed));
            runner.Run(PayloadAssembler.ResealIndex(app.Sections, index.Encode(), body: body), known);
        }));

        output.WriteLine(runner.Report("block flips, resealed"));
        Assert.Equal(BlockCases, runner.Total);

        // Both later lines of defence must be reached: the Brotli decoder and the per-file SHA-256.
        Assert.Contains(runner.Reasons.Keys, r => r.Contains("does not decompress to its declared", StringComparison.Ordinal));
        Assert.Contains(runner.Reasons.Keys, r => r.Contains("does not match its SHA-# in the index", StringComparison.Ordinal));
    }

    private static PayloadIndex? TryDecode(byte[] raw)
    {
        try
        {
            return PayloadIndex.Decode(raw);
        }
        catch (FormatViolationException)
        {
            return null;
        }
    }

    private static PayloadIndex WithBlockHash(PayloadIndex index, int unit, int block, byte[] sha) =>
        new([.. index.Units.Select((u, i) => i != unit ? u : u with { Blocks = [.. u.Blocks.Select((b, j) => j != block ? b : b with { Sha256 = sha })] })]);

    public void Dispose() => _dir.Dispose();
}
