using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Satchel.Runtime.Posix;

/// <summary>
/// Who owns a path, its file type and its permission bits, read with lstat(2). .NET exposes the mode but not
/// the owner, and the cache root must be refused when another user owns it. The offsets are
/// those of struct stat on each supported ABI.
/// </summary>
public static partial class UnixFileStatus
{
    [LibraryImport("libc", EntryPoint = "lstat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LStat(string path, byte[] buffer);

    /// <summary>The owner uid and mode bits of <paramref name="path"/>, or null where this ABI is unknown.</summary>
    public static (uint Uid, uint Mode)? Read(string path)
    {
        var (modeOffset, modeWidth, uidOffset) = Layout();
        if (modeOffset < 0)
        {
            return null;
        }

        var buffer = new byte[256];
        if (LStat(path, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot stat {path}: {LibC.StrError(errno)}", errno);
        }

        var mode = modeWidth == 4
            ? BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(modeOffset))
            : BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(modeOffset));
        var uid = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(uidOffset));
        return (uid, mode);
    }

    private const uint TypeMask = 0xF000; // S_IFMT
    private const uint RegularType = 0x8000; // S_IFREG

    /// <summary>Whether the path is a regular file (not a FIFO, socket or device); true where this ABI is unknown.</summary>
    public static bool IsRegularFile(string path) => Read(path) is not { } s || (s.Mode & TypeMask) == RegularType;

    private static (int ModeOffset, int ModeWidth, int UidOffset) Layout()
    {
        if (OperatingSystem.IsLinux())
        {
            return RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => (24, 4, 28),
                Architecture.Arm64 => (16, 4, 24),
                _ => (-1, 0, 0),
            };
        }

        if (OperatingSystem.IsMacOS())
        {
            return (4, 2, 16);
        }

        return (-1, 0, 0);
    }
}
