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
    private static partial int LStat(string path, Span<byte> buffer);

    /// <summary>The owner uid and mode bits of <paramref name="path"/>, or null where this ABI is unknown.</summary>
    public static (uint Uid, uint Mode)? Read(string path)
    {
        var (modeOffset, _, uidOffset) = Layout();
        if (modeOffset < 0)
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[StatSize];
        if (!TryLStat(path, buffer, out var mode))
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot stat {path}: {LibC.StrError(errno)}", errno);
        }

        return (BinaryPrimitives.ReadUInt32LittleEndian(buffer[uidOffset..]), mode);
    }

    /// <summary>Room for struct stat on every supported ABI (144 bytes on Linux x64/arm64, 144 on macOS).</summary>
    private const int StatSize = 256;

    public const uint TypeMask = 0xF000; // S_IFMT
    public const uint DirectoryType = 0x4000; // S_IFDIR
    public const uint RegularType = 0x8000; // S_IFREG
    public const uint SymlinkType = 0xA000; // S_IFLNK

    /// <summary>
    /// The file type bits (S_IFMT) of <paramref name="path"/> itself, a link not followed; 0 when
    /// it cannot be read (missing, no permission); null where this ABI's struct stat is unknown.
    /// The launcher's warm path uses this rather than File.Exists and LinkTarget: .NET converts a
    /// path longer than ~84 characters (every unit path) to UTF-8 in a buffer rented from the
    /// shared array pool, and the pool's first use seeds a random generator from /dev/urandom.
    /// </summary>
    public static uint? TypeOf(string path)
    {
        if (Layout().ModeOffset < 0)
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[StatSize];
        return TryLStat(path, buffer, out var mode) ? mode & TypeMask : 0;
    }

    /// <summary>lstat(2) into <paramref name="buffer"/> and the mode bits from it; false (errno set) when it fails. The caller checked the ABI is known.</summary>
    private static bool TryLStat(string path, Span<byte> buffer, out uint mode)
    {
        mode = 0;
        if (LStat(path, buffer) != 0)
        {
            return false;
        }

        var (modeOffset, modeWidth, _) = Layout();
        mode = modeWidth == 4
            ? BinaryPrimitives.ReadUInt32LittleEndian(buffer[modeOffset..])
            : BinaryPrimitives.ReadUInt16LittleEndian(buffer[modeOffset..]);
        return true;
    }

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
