using System.Buffers.Binary;
using System.Text;

namespace Satchel.Testing.Elf;

/// <summary>
/// Reads which symbol versions a 64-bit little-endian ELF file needs from its shared libraries:
/// the undefined entries of <c>.dynsym</c>, their index in <c>.gnu.version</c>, and the version
/// names and files of <c>.gnu.version_r</c> (the dynamic loader refuses the file when a library
/// lacks one of them: "version `GLIBC_2.34' not found"). Read from the file itself rather than
/// from objdump's output, whose wording is binutils' to change.
/// </summary>
public static class ElfVersionedImports
{
    private const uint SectionDynamicSymbols = 11;
    private const uint SectionVersionNeeds = 0x6ffffffe;
    private const uint SectionVersionSymbols = 0x6fffffff;
    private const int SymbolEntrySize = 24;

    public static IReadOnlyList<VersionedImport> Read(string path)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException($"{path} is not an ELF file");
        }
        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file");
        }
        var sections = ReadSections(elf);
        var dynsym = sections.SingleOrDefault(s => s.Type == SectionDynamicSymbols);
        var versym = sections.SingleOrDefault(s => s.Type == SectionVersionSymbols);
        var verneed = sections.SingleOrDefault(s => s.Type == SectionVersionNeeds);
        if (dynsym is null || versym is null || verneed is null)
        {
            return [];
        }
        var names = sections[(int)dynsym.Link];
        var needed = ReadVersionNeeds(elf, verneed, sections[(int)verneed.Link]);
        var imports = new List<VersionedImport>();
        var count = (int)(dynsym.Size / SymbolEntrySize);
        for (var i = 1; i < count; i++)
        {
            var entry = elf.AsSpan((int)dynsym.Offset + (i * SymbolEntrySize), SymbolEntrySize);
            var sectionIndex = BinaryPrimitives.ReadUInt16LittleEndian(entry[6..]);
            // The hidden bit (0x8000) marks a non-default version; the index is the rest.
            var versionIndex = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan((int)versym.Offset + (i * 2))) & 0x7fff;
            if (sectionIndex != 0 || !needed.TryGetValue(versionIndex, out var version))
            {
                continue; // defined here, or unversioned (0 local, 1 global)
            }
            var symbol = ReadString(elf, names.Offset + BinaryPrimitives.ReadUInt32LittleEndian(entry));
            imports.Add(new VersionedImport(symbol, version.Name, version.Library));
        }
        return imports;
    }

    private static Dictionary<int, (string Name, string Library)> ReadVersionNeeds(byte[] elf, Section verneed, Section strings)
    {
        var result = new Dictionary<int, (string, string)>();
        var offset = verneed.Offset;
        for (var n = 0; n < (int)verneed.Info; n++)
        {
            var need = elf.AsSpan((int)offset, 16);
            var auxCount = BinaryPrimitives.ReadUInt16LittleEndian(need[2..]);
            var library = ReadString(elf, strings.Offset + BinaryPrimitives.ReadUInt32LittleEndian(need[4..]));
            var aux = offset + BinaryPrimitives.ReadUInt32LittleEndian(need[8..]);
            for (var a = 0; a < auxCount; a++)
            {
                var entry = elf.AsSpan((int)aux, 16);
                var index = BinaryPrimitives.ReadUInt16LittleEndian(entry[6..]) & 0x7fff;
                result[index] = (ReadString(elf, strings.Offset + BinaryPrimitives.ReadUInt32LittleEndian(entry[8..])), library);
                aux += BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]);
            }
            offset += BinaryPrimitives.ReadUInt32LittleEndian(need[12..]);
        }
        return result;
    }

    private static List<Section> ReadSections(byte[] elf)
    {
        var tableOffset = BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(0x28));
        var entrySize = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3a));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3c));
        var sections = new List<Section>(count);
        for (var i = 0; i < count; i++)
        {
            var header = elf.AsSpan((int)tableOffset + (i * entrySize), entrySize);
            sections.Add(new Section(
                Type: BinaryPrimitives.ReadUInt32LittleEndian(header[4..]),
                Offset: BinaryPrimitives.ReadUInt64LittleEndian(header[0x18..]),
                Size: BinaryPrimitives.ReadUInt64LittleEndian(header[0x20..]),
                Link: BinaryPrimitives.ReadUInt32LittleEndian(header[0x28..]),
                Info: BinaryPrimitives.ReadUInt32LittleEndian(header[0x2c..])));
        }
        return sections;
    }

    private static string ReadString(byte[] elf, ulong offset)
    {
        var span = elf.AsSpan((int)offset);
        return Encoding.ASCII.GetString(span[..span.IndexOf((byte)0)]);
    }

    private sealed record Section(uint Type, ulong Offset, ulong Size, uint Link, uint Info);
}
