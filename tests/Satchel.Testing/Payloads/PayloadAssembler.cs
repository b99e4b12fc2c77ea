using System.Buffers.Binary;
using System.Security.Cryptography;
using Satchel.Runtime.Format;

namespace Satchel.Testing.Payloads;

/// <summary>
/// Writes app files the way the real writer lays them out (prefix, blocks, index, header,
/// trailer) from parts a test controls, computing every hash, CRC and the app id itself, so a
/// hostile index or header passes the integrity chain and reaches the code that must judge it.
/// </summary>
public static class PayloadAssembler
{
    public static LaunchSpec DefaultLaunch(string entryPath = "run") => new(LaunchKind.Exec, 0, entryPath, [], []);

    /// <summary>A whole app file: <paramref name="prefix"/> (a launcher, or any bytes) and a payload holding <paramref name="units"/>.</summary>
    public static byte[] Compose(byte[] prefix, IReadOnlyList<CraftedUnit> units, LaunchSpec? launch = null, string name = "crafted")
    {
        var body = new MemoryStream();
        body.Write(prefix);
        var unitIndexes = new List<UnitIndex>(units.Count);
        foreach (var unit in units)
        {
            var refs = new List<BlockRef>(unit.Blocks.Count);
            foreach (var block in unit.Blocks)
            {
                refs.Add(new BlockRef(body.Length - prefix.Length, block.Compressed.Length, block.RawLength, SHA256.HashData(block.Compressed)));
                body.Write(block.Compressed);
            }

            unitIndexes.Add(new UnitIndex(refs, unit.Entries));
        }

        var section = IndexSection(new PayloadIndex(unitIndexes).Encode());
        var descriptors = units
            .Select((u, i) => new UnitDescriptor(u.EffectiveKey, i == 0 ? UnitKind.App : UnitKind.Wheel, $"unit{i}", u.Entries.Count, 0))
            .ToList();
        var header = new PayloadHeader(name, ExtractMode.Cache, launch ?? DefaultLaunch(), descriptors, SHA256.HashData(section));
        return Seal(body.ToArray(), prefix.Length, section, header.Encode());
    }

    /// <summary>
    /// <paramref name="sections"/>' file with its raw index replaced and everything above it
    /// recomputed: the index hash in the header, the unit keys if <paramref name="keys"/> are given,
    /// the header CRC and the app id. <paramref name="body"/> replaces the prefix and blocks.
    /// </summary>
    public static byte[] ResealIndex(PayloadSections sections, byte[] indexRaw, IReadOnlyList<byte[]>? keys = null, ulong? declaredRawLength = null, byte[]? body = null)
    {
        var section = IndexSection(indexRaw, declaredRawLength);
        var units = keys is null ? sections.Header.Units : sections.Header.Units.Select((u, i) => u with { Key = keys[i] }).ToList();
        var header = sections.Header with { IndexSha256 = SHA256.HashData(section), Units = units };
        return Seal(body ?? sections.Body, sections.PayloadStart, section, header.Encode());
    }

    /// <summary><paramref name="sections"/>' file with other header bytes, given a matching CRC and app id.</summary>
    public static byte[] ResealHeader(PayloadSections sections, byte[] header) =>
        Seal(sections.Body, sections.PayloadStart, sections.File[(int)sections.IndexAt..(int)sections.HeaderAt], header);

    /// <summary>The index section: the declared raw length (u64), then one Brotli stream.</summary>
    public static byte[] IndexSection(byte[] raw, ulong? declaredRawLength = null)
    {
        var body = CraftedBlock.Compress(raw);
        var section = new byte[8 + body.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(section, declaredRawLength ?? (ulong)raw.Length);
        body.CopyTo(section, 8);
        return section;
    }

    /// <summary>
    /// Appends <paramref name="indexSection"/>, <paramref name="header"/> and a matching trailer
    /// (CRC, app id, offsets) to <paramref name="body"/>, whose payload starts at <paramref name="payloadStart"/>.
    /// </summary>
    public static byte[] Seal(byte[] body, long payloadStart, byte[] indexSection, byte[] header)
    {
        var file = new byte[body.Length + indexSection.Length + header.Length + Trailer.Size];
        body.CopyTo(file, 0);
        indexSection.CopyTo(file, body.Length);
        header.CopyTo(file, body.Length + indexSection.Length);
        var payloadLength = body.Length + indexSection.Length + header.Length - payloadStart;
        var trailer = new Trailer(
            payloadLength,
            body.Length + indexSection.Length - payloadStart,
            header.Length,
            Crc32.Compute(header),
            body.Length - payloadStart,
            indexSection.Length,
            SHA256.HashData(header)[..Trailer.AppIdLength]);
        trailer.Encode().CopyTo(file, file.Length - Trailer.Size);
        return file;
    }
}
