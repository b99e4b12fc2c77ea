using System.Buffers.Binary;
using Xunit;

namespace Satchel.Testing.Elf;

/// <summary>
/// A Linux launcher file as the build makes it: the warm-start stub's ELF image, then the full
/// launcher's (docs/format.md, "The launcher"). Each part ends where its section header table ends,
/// which is how the stub finds the full launcher when it hands over.
/// </summary>
public sealed record LauncherParts(byte[] Stub, byte[] Full)
{
    public static LauncherParts Read(string launcher)
    {
        var bytes = File.ReadAllBytes(launcher);
        var stubEnd = ElfEnd(bytes, 0);
        Assert.True(stubEnd > 0 && stubEnd < bytes.Length, $"{launcher} does not start with a complete ELF image followed by more bytes (the warm-start stub, then the full launcher)");
        var fullEnd = ElfEnd(bytes, stubEnd);
        Assert.True(fullEnd > 0, $"{launcher}: no ELF image after the warm-start stub (at byte {stubEnd})");
        Assert.True(stubEnd + fullEnd == bytes.Length, $"{launcher}: stub ({stubEnd} B) and full launcher ({fullEnd} B) do not add up to the file ({bytes.Length} B)");
        return new LauncherParts(bytes[..(int)stubEnd], bytes[(int)stubEnd..]);
    }

    /// <summary>The full launcher written to its own file (for tools that read an ELF file from its start).</summary>
    public string WriteFull(TempDirectory directory)
    {
        var path = directory.Combine("full-launcher");
        File.WriteAllBytes(path, Full);
        return path;
    }

    public string WriteStub(TempDirectory directory)
    {
        var path = directory.Combine("warm-start-stub");
        File.WriteAllBytes(path, Stub);
        return path;
    }

    /// <summary>e_shoff + e_shnum * e_shentsize of the ELF64 image at <paramref name="offset"/>; 0 if there is none.</summary>
    private static long ElfEnd(byte[] bytes, long offset)
    {
        var span = bytes.AsSpan((int)offset);
        if (span.Length < 64 || span[0] != 0x7F || span[1] != (byte)'E' || span[2] != (byte)'L' || span[3] != (byte)'F' || span[4] != 2)
        {
            return 0;
        }

        return BinaryPrimitives.ReadInt64LittleEndian(span[0x28..]) + ((long)BinaryPrimitives.ReadUInt16LittleEndian(span[0x3C..]) * BinaryPrimitives.ReadUInt16LittleEndian(span[0x3A..]));
    }
}
