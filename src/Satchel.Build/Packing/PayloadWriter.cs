using System.Buffers.Binary;
using System.Security.Cryptography;
using Satchel.Build.Interruption;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Posix;

namespace Satchel.Build.Packing;

/// <summary>
/// Writes a payload after the launcher bytes already in <c>output</c>: each unit's files as a
/// stream cut into solid Brotli blocks at file boundaries where a file fits, then the index, the
/// header and the trailer. Blocks are compressed in parallel across units, the costliest first
/// (a unit of one block does not wait for the one before it), and written in order
/// (<see cref="OrderedBlockWriter"/>), memory bounded by a lookahead of raw bytes. Files are read once: their SHA-256 and size come
/// from the same read that fills the blocks. The output is a function of the inputs alone: same
/// tree, same settings, same bytes, whatever the number of workers. With a build cache, a unit
/// compressed before is copied from it as it was written (in its place in the order), and a new
/// one is stored there.
/// </summary>
public sealed class PayloadWriter(CompressionSettings settings, ICompressedUnitStore? cache = null, int? workers = null)
{
    /// <summary>
    /// Blocks compressed at once: one per core; under `ulimit -v`, one per 256 MB of it, since
    /// each Brotli encoder at quality 11 takes tens of MB of native memory (an awscli build under
    /// 300 MB died in a worker).
    /// </summary>
    private readonly int _workers = workers is { } count ? Math.Max(1, count) : DefaultWorkers();

    /// <summary>
    /// Raw bytes added but not yet written: 64 MiB, so that a payload's slow bytecode blocks are
    /// queued (and compressed first) while its wheel blocks still wait; an awscli app (42 MiB raw)
    /// fits whole. Under `ulimit -v`, one block per worker, as little as keeps them busy.
    /// </summary>
    private long Lookahead => AddressSpaceLimit.Bytes is null ? 64L << 20 : (long)_workers * settings.BlockSize;

    private static int DefaultWorkers()
    {
        var cores = Math.Clamp(Environment.ProcessorCount, 1, 8);
        return AddressSpaceLimit.Bytes is { } limit ? (int)Math.Clamp(limit / (256UL << 20), 1UL, (ulong)cores) : cores;
    }

    public PackedPayload Write(Stream output, IReadOnlyList<UnitSource> units, PayloadSpec spec, IProgress<long>? bytesRead = null)
    {
        var payloadStart = output.Position;
        using var blocks = new OrderedBlockWriter(output, payloadStart, _workers, Lookahead);
        var unitIndexes = new UnitIndex[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            var slot = i;
            var unit = units[i];
            if (cache?.Find(unit, settings.For(unit.Kind)) is { } found)
            {
                blocks.Then(() => unitIndexes[slot] = Reused(found.CopyTo(output, payloadStart), bytesRead));
            }
            else
            {
                AddUnit(blocks, unit, bytesRead, index => unitIndexes[slot] = index);
            }
        }

        blocks.Finish();
        var descriptors = new List<UnitDescriptor>(units.Count);
        for (var i = 0; i < units.Count; i++)
        {
            var index = unitIndexes[i];
            try
            {
                UnitIndexValidator.Validate(index);
            }
            catch (FormatViolationException e)
            {
                throw new SatchelException(ExitCodes.Data, $"cannot pack unit '{units[i].Name}': {e.Message}");
            }

            var files = index.Entries.Count(e => e.Kind == EntryKind.File);
            descriptors.Add(new UnitDescriptor(UnitKey.Compute(index.Entries), units[i].Kind, units[i].Name, files, index.StreamLength));
        }

        var payloadIndex = new PayloadIndex(unitIndexes);
        var indexSection = CompressIndex(payloadIndex.Encode());
        var indexOffset = output.Position - payloadStart;
        output.Write(indexSection);

        var header = new PayloadHeader(spec.Name, spec.ExtractMode, spec.Launch, descriptors, SHA256.HashData(indexSection), spec.GraceMilliseconds, spec.Bytecode);
        // Fields 8 and 10 are appended after the fields PayloadHeader writes: readers skip tags
        // they do not know, and HeaderField finds them wherever they are.
        byte[] headerBytes = [
            .. header.Encode(),
            .. spec.Provenance is { } provenance ? provenance.EncodeField() : [],
            .. spec.LauncherSha256 is { } launcher ? LauncherDigest.EncodeField(launcher) : [],
        ];
        var headerOffset = output.Position - payloadStart;
        output.Write(headerBytes);

        var appId = SHA256.HashData(headerBytes)[..Trailer.AppIdLength];
        var payloadLength = output.Position - payloadStart;
        var trailer = new Trailer(payloadLength, headerOffset, headerBytes.Length, Crc32.Compute(headerBytes), indexOffset, indexSection.Length, appId);
        output.Write(trailer.Encode());
        // A unit's blocks are contiguous: its compressed size is theirs.
        var compressedSizes = unitIndexes.Select(u => u.Blocks.Sum(b => (long)b.CompressedLength)).ToList();
        return new PackedPayload(header, payloadIndex, appId, compressedSizes, payloadLength);
    }

    /// <summary>A unit copied from the build cache counts as its files read, one report per file as <see cref="AddUnit"/> makes them.</summary>
    private static UnitIndex Reused(UnitIndex index, IProgress<long>? bytesRead)
    {
        if (bytesRead is not null)
        {
            foreach (var entry in index.Entries.Where(e => e.Kind == EntryKind.File))
            {
                bytesRead.Report(entry.Size);
            }
        }

        return index;
    }

    /// <summary>
    /// Reads the unit's files into blocks and queues them; <paramref name="done"/> gets the
    /// unit's index once its last block is written (and the unit is stored in the build cache).
    /// </summary>
    private void AddUnit(OrderedBlockWriter writer, UnitSource unit, IProgress<long>? bytesRead, Action<UnitIndex> done)
    {
        var entries = new List<IndexEntry>(unit.Entries.Count);
        var blocks = new List<BlockRef>();
        var unitSettings = settings.For(unit.Kind);
        var buffer = new byte[unitSettings.BlockSize];
        var filled = 0;
        // Kept for the build cache, in order: one unit's compressed size at most.
        var written = cache is null ? null : new List<byte[]>();

        void Flush()
        {
            if (filled == 0)
            {
                return;
            }

            var slot = blocks.Count;
            blocks.Add(new BlockRef(0, 0, filled, []));
            writer.Add(buffer.AsSpan(0, filled).ToArray(), unitSettings.Quality, unitSettings.Window, (offset, compressed) =>
            {
                blocks[slot] = blocks[slot] with
                {
                    Offset = offset,
                    CompressedLength = compressed.Length,
                    Sha256 = SHA256.HashData(compressed),
                };
                written?.Add(compressed);
            });
            filled = 0;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var source in unit.Entries)
        {
            BuildInterruption.ThrowIfRequested();
            switch (source.Kind)
            {
                case EntryKind.Directory:
                    entries.Add(IndexEntry.Directory(source.Path));
                    break;
                case EntryKind.Symlink:
                    entries.Add(IndexEntry.Symlink(source.Path, source.LinkTarget!));
                    break;
                case EntryKind.File:
                    long size = 0;
                    using (var stream = OpenSource(source.DiskPath!))
                    {
                        // Blocks end at file boundaries: a file that does not fit in the rest of
                        // the block starts a new one, so only files larger than a block span
                        // blocks and the launcher decodes blocks into files independently.
                        if (filled > 0 && filled + stream.Length > buffer.Length)
                        {
                            Flush();
                        }

                        int read;
                        do
                        {
                            if (filled == buffer.Length)
                            {
                                Flush();
                            }

                            read = stream.Read(buffer, filled, buffer.Length - filled);
                            hash.AppendData(buffer, filled, read);
                            filled += read;
                            size += read;
                        }
                        while (read > 0);
                    }

                    bytesRead?.Report(size);
                    entries.Add(IndexEntry.File(source.Path, size, hash.GetHashAndReset(), source.Executable));
                    break;
            }
        }

        Flush();
        writer.Then(() =>
        {
            var index = new UnitIndex(blocks, entries);
            if (written is not null)
            {
                cache!.Store(unit, unitSettings, index, written);
            }

            done(index);
        });
    }

    private static FileStream OpenSource(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SatchelException(ExitCodes.NoInput, $"cannot read {path}: {IoErrors.Describe(e)}");
        }
    }

    private byte[] CompressIndex(byte[] raw)
    {
        var body = OrderedBlockWriter.Compress(raw, Math.Max(settings.Quality, 9), 24);
        var section = new byte[8 + body.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(section, (ulong)raw.Length);
        body.CopyTo(section, 8);
        return section;
    }
}
