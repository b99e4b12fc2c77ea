using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Satchel.Build.Packing;
using Satchel.Build.Reproducibility;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;

namespace Satchel.Build.Caching;

/// <summary>
/// Compressed units in the build cache: a unit's blocks depend only on its entries (paths, modes,
/// sizes, contents: its identity, <see cref="UnitIdentity"/>), the compression settings, the
/// payload format and the Brotli encoder (this satchel and its runtime). An entry holds the blocks
/// as written (<c>blocks</c>) and the unit's index with offsets from the start of that file
/// (<c>index</c>); reused, the blocks are copied into the payload as they are, each checked
/// against its SHA-256, and only the offsets change, so the output is the bytes a cold build writes.
/// </summary>
public sealed class CompressedUnitCache(BuildCache cache, UnitIdentity identity) : ICompressedUnitStore
{
    public const string Kind = "units";
    private const string IndexFile = "index";
    private const string BlocksFile = "blocks";

    /// <summary>A unit found in the cache: its entry (held until the build ends) and its index there.</summary>
    public sealed record Found(string Entry, UnitIndex Index) : IStoredUnit
    {
        public UnitIndex CopyTo(Stream output, long payloadStart) => Copy(this, output, payloadStart);
    }

    /// <summary>The unit's cached blocks, or null when the cache has none.</summary>
    public IStoredUnit? Find(UnitSource unit, CompressionSettings settings)
    {
        var key = KeyOf(identity.Of(unit), settings);
        if (cache.Find(Kind, key) is not { } entry)
        {
            return null;
        }

        var stored = ReadIndex(entry);
        if (unit.ContentKey is null && "unit:" + Convert.ToHexStringLower(UnitKey.Compute(stored.Entries)) != identity.Of(unit))
        {
            throw Damaged(entry, "its index is not the unit's");
        }

        return new Found(entry, stored);
    }

    /// <summary>Copies a found unit's blocks to <paramref name="output"/>, each checked against its hash, and returns its index there.</summary>
    private static UnitIndex Copy(Found found, Stream output, long payloadStart)
    {
        var (entry, stored) = found;
        var blocks = new List<BlockRef>(stored.Blocks.Count);
        using var data = new FileStream(Path.Combine(entry, BlocksFile), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[stored.Blocks.Count == 0 ? 0 : stored.Blocks.Max(b => b.CompressedLength)];
        foreach (var block in stored.Blocks)
        {
            data.Position = block.Offset;
            var span = buffer.AsSpan(0, block.CompressedLength);
            if (data.ReadAtLeast(span, span.Length, throwOnEndOfStream: false) != span.Length || !SHA256.HashData(span).AsSpan().SequenceEqual(block.Sha256))
            {
                throw Damaged(entry, "a block does not match its hash");
            }

            blocks.Add(block with { Offset = output.Position - payloadStart });
            output.Write(span);
        }

        return stored with { Blocks = blocks };
    }

    /// <summary>Stores a unit just written: its index (offsets in the payload) and its blocks in order.</summary>
    public void Store(UnitSource unit, CompressionSettings settings, UnitIndex index, IReadOnlyList<byte[]> compressed)
    {
        // The key of what was actually read and compressed, not of an earlier read.
        var unitIdentity = unit.ContentKey ?? "unit:" + Convert.ToHexStringLower(UnitKey.Compute(index.Entries));
        var key = KeyOf(unitIdentity, settings);
        if (cache.Find(Kind, key) is not null)
        {
            return;
        }

        cache.Store(Kind, key, $"compressed {unit.Kind.ToString().ToLowerInvariant()} unit {unit.Name}", work =>
        {
            var blocks = new List<BlockRef>(index.Blocks.Count);
            using (var data = new FileStream(Path.Combine(work, BlocksFile), FileMode.CreateNew, FileAccess.Write))
            {
                for (var i = 0; i < compressed.Count; i++)
                {
                    blocks.Add(index.Blocks[i] with { Offset = data.Position });
                    data.Write(compressed[i]);
                }
            }

            File.WriteAllBytes(Path.Combine(work, IndexFile), new PayloadIndex([index with { Blocks = blocks }]).Encode());
        });
    }

    private static string KeyOf(string unitIdentity, CompressionSettings settings) => BuildCacheKey.Of(Kind,
        unitIdentity,
        $"format {Trailer.CurrentVersion}",
        $"block {settings.BlockSize} quality {settings.Quality} window {settings.Window}",
        SatchelVersion.Current,
        RuntimeInformation.FrameworkDescription);

    private static UnitIndex ReadIndex(string entry)
    {
        try
        {
            var index = PayloadIndex.Decode(File.ReadAllBytes(Path.Combine(entry, IndexFile)));
            return index.Units is [var unit] ? unit : throw new FormatViolationException("not one unit");
        }
        catch (Exception e) when (e is FormatViolationException or IOException)
        {
            throw Damaged(entry, e.Message);
        }
    }

    private static SatchelException Damaged(string entry, string what) => new(ExitCodes.Data,
        $"the build cache entry {entry} is damaged ({what}); remove it (`satchel cache purge`) or build with --no-build-cache");
}
