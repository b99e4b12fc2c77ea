using System.Buffers.Binary;

namespace Satchel.Runtime.Posix;

/// <summary>
/// lstat(2) for size, mtime and mode in one call and without DateTime: .NET's FileInfo times
/// bring time-zone and date-formatting code into the launcher (about 70 KB, measured) for a
/// number that is only ever compared.
/// </summary>
public static partial class UnixFileStatus
{
    /// <summary>Size, mtime (ns since the epoch) and mode of <paramref name="path"/>; false if it cannot be read or this ABI is unknown.</summary>
    public static bool TryReadStamp(string path, out long size, out long mtimeNanoseconds, out uint mode)
    {
        size = mtimeNanoseconds = 0;
        mode = 0;
        var (sizeOffset, mtimeOffset) = StampLayout();
        var (modeOffset, modeWidth, _) = Layout();
        Span<byte> buffer = stackalloc byte[StatSize];
        if (sizeOffset < 0 || modeOffset < 0 || LStat(path, buffer) != 0)
        {
            return false;
        }

        mode = modeWidth == 4
            ? BinaryPrimitives.ReadUInt32LittleEndian(buffer[modeOffset..])
            : BinaryPrimitives.ReadUInt16LittleEndian(buffer[modeOffset..]);
        size = BinaryPrimitives.ReadInt64LittleEndian(buffer[sizeOffset..]);
        var seconds = BinaryPrimitives.ReadInt64LittleEndian(buffer[mtimeOffset..]);
        var nanoseconds = BinaryPrimitives.ReadInt64LittleEndian(buffer[(mtimeOffset + 8)..]);
        mtimeNanoseconds = (seconds * 1_000_000_000) + nanoseconds;
        return true;
    }

    /// <summary>Whether <see cref="TryReadStamp"/> knows struct stat here (Linux x86-64 and arm64, macOS).</summary>
    public static bool HasStampLayout => StampLayout().Size >= 0;

    /// <summary>Offsets of st_size and st_mtim in struct stat: Linux x86-64 and arm64 agree; macOS has its own.</summary>
    private static (int Size, int Mtime) StampLayout() =>
        OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture
            is System.Runtime.InteropServices.Architecture.X64 or System.Runtime.InteropServices.Architecture.Arm64 ? (48, 88)
        : OperatingSystem.IsMacOS() ? (96, 48)
        : (-1, -1);
}
