using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using Satchel.Build.Caching;
using Satchel.Build.Interruption;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;

namespace Satchel.Build.Packing;

/// <summary>
/// Writes a payload after the launcher bytes already in <c>output</c>: each unit's files as a
/// stream cut into solid Brotli blocks at file boundaries where a file fits (compressed in
/// parallel, written in order, memory bounded by a small window of blocks), then the index, the header and the trailer. Files are read
/// once: their SHA-256 and size come from the same read that fills the blocks. The output is a
/// function of the inputs alone: same tree, same settings, same bytes. With a build cache, a
/// unit compressed before is copied from it as it was written, and a new one is stored there.
/// </summary>
public sealed class PayloadWriter(CompressionSettings settings, CompressedUnitCache? cache = null)
{
    public PackedPayload Write(Stream output, IReadOnlyList<UnitSource> units, PayloadSpec spec, IProgress<long>? bytesRead = null)
    {
        var payloadStart = output.Position;
        var unitIndexes = new List<UnitIndex>(units.Count);
        var descriptors = new List<UnitDescriptor>(units.Count);
        var compressedSizes = new List<long>(units.Count);
        foreach (var unit in units)
        {
            var before = output.Position;
            var index = cache?.TryCopy(unit, settings.For(unit.Kind), output, payloadStart) is { } copied
                ? Reused(copied, bytesRead)
                : WriteUnit(output, payloadStart, unit, bytesRead);
            unitIndexes.Add(index);
            compressedSizes.Add(output.Position - before);
            try
            {
                UnitIndexValidator.Validate(index);
            }
            catch (FormatViolationException e)
            {
                throw new SatchelException(ExitCodes.Data, $"cannot pack unit '{unit.Name}': {e.Message}");
            }

            var files = index.Entries.Count(e => e.Kind == EntryKind.File);
            descriptors.Add(new UnitDescriptor(UnitKey.Compute(index.Entries), unit.Kind, unit.Name, files, index.StreamLength));
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
        return new PackedPayload(header, payloadIndex, appId, compressedSizes, payloadLength);
    }

    /// <summary>A unit copied from the build cache counts as its files read, one report per file as <see cref="WriteUnit"/> makes them.</summary>
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

    private UnitIndex WriteUnit(Stream output, long payloadStart, UnitSource unit, IProgress<long>? bytesRead)
    {
        var entries = new List<IndexEntry>(unit.Entries.Count);
        var blocks = new List<BlockRef>();
        var pending = new Queue<Task<byte[]>>();
        var window = Math.Clamp(Environment.ProcessorCount + 1, 2, 8);
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

            var raw = buffer.AsSpan(0, filled).ToArray();
            var quality = unitSettings.Quality;
            var windowBits = unitSettings.Window;
            pending.Enqueue(Task.Run(() => Compress(raw, quality, windowBits)));
            blocks.Add(new BlockRef(0, 0, filled, []));
            filled = 0;
            while (pending.Count >= window)
            {
                Drain();
            }
        }

        void Drain()
        {
            var compressed = pending.Dequeue().GetAwaiter().GetResult();
            var slot = blocks.Count - pending.Count - 1;
            blocks[slot] = blocks[slot] with
            {
                Offset = output.Position - payloadStart,
                CompressedLength = compressed.Length,
                Sha256 = SHA256.HashData(compressed),
            };
            output.Write(compressed);
            written?.Add(compressed);
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
        while (pending.Count > 0)
        {
            Drain();
        }

        var index = new UnitIndex(blocks, entries);
        if (written is not null)
        {
            cache!.Store(unit, unitSettings, index, written);
        }

        return index;
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

    private static byte[] Compress(byte[] raw, int quality, int window)
    {
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(raw.Length)];
        if (!BrotliEncoder.TryCompress(raw, output, out var written, quality, window))
        {
            throw new SatchelException(ExitCodes.Software, "Brotli compression failed");
        }

        return output[..written];
    }

    private byte[] CompressIndex(byte[] raw)
    {
        var body = Compress(raw, Math.Max(settings.Quality, 9), 24);
        var section = new byte[8 + body.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(section, (ulong)raw.Length);
        body.CopyTo(section, 8);
        return section;
    }
}
