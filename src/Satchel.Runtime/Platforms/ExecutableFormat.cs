using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Satchel.Runtime.Platforms;

/// <summary>
/// What machine an executable is for, read from its first bytes: the ELF header's e_machine (an app
/// built for linux-aarch64 starts with its aarch64 launcher; a bundled Python's binary says which
/// machine it runs on), or a PE file's "MZ". No loader, no section parsing: 20 bytes.
/// </summary>
public static class ExecutableFormat
{
    /// <summary>Enough of the file for <see cref="Describe(ReadOnlySpan{byte})"/>.</summary>
    public const int HeaderBytes = 20;

    /// <summary>e_machine of a little-endian ELF file, or null when <paramref name="header"/> is not one.</summary>
    public static ushort? ElfMachine(ReadOnlySpan<byte> header) =>
        header.Length >= HeaderBytes && header[0] == 0x7f && header[1] == (byte)'E' && header[2] == (byte)'L' && header[3] == (byte)'F' && header[5] == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(header[18..])
            : null;

    /// <summary>e_machine of the ELF file at <paramref name="path"/>, or null when it is not one (or cannot be read).</summary>
    public static ushort? ElfMachine(string path) => ElfMachine(ReadHeader(path));

    /// <summary>"linux-x86_64", "linux-aarch64", "windows", "ELF machine 40", "unknown".</summary>
    public static string Describe(ReadOnlySpan<byte> header)
    {
        if (ElfMachine(header) is { } machine)
        {
            return TargetPlatform.OfElfMachine(machine)?.Name ?? $"ELF machine {machine}";
        }

        return header.Length >= 2 && header[0] == (byte)'M' && header[1] == (byte)'Z' ? "windows" : "unknown";
    }

    /// <summary>What <see cref="Describe(ReadOnlySpan{byte})"/> says of the file at <paramref name="path"/>.</summary>
    public static string Describe(string path) => Describe(ReadHeader(path));

    private static byte[] ReadHeader(string path)
    {
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path);
            var header = new byte[HeaderBytes];
            var read = RandomAccess.Read(handle, header, 0);
            return header[..read];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
