using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Satchel.Runtime.Posix;

/// <summary>
/// lstat(2) without exceptions, with the device id: the tree remover needs the errno to decide
/// whether to retry, and the device to stop at a file system mounted inside the tree.
/// </summary>
public static partial class UnixFileStatus
{
    /// <summary>lstat of <paramref name="path"/>: 0 and the status, or the errno. Device is 0 where this ABI is unknown.</summary>
    public static int TryReadWithDevice(string path, out (ulong Device, uint Mode) status)
    {
        status = default;
        var buffer = new byte[256];
        if (LStat(path, buffer) != 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        var (modeOffset, modeWidth, _) = Layout();
        if (modeOffset < 0)
        {
            return 0;
        }

        var mode = modeWidth == 4
            ? BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(modeOffset))
            : BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(modeOffset));

        // st_dev is the first field everywhere: 64-bit on Linux, 32-bit on macOS.
        var device = OperatingSystem.IsMacOS()
            ? BinaryPrimitives.ReadUInt32LittleEndian(buffer)
            : BinaryPrimitives.ReadUInt64LittleEndian(buffer);
        status = (device, mode);
        return 0;
    }
}
