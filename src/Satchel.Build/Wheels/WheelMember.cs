using System.IO.Compression;

namespace Satchel.Build.Wheels;

/// <summary>A regular file in a wheel archive, its name already checked to be a safe relative path.</summary>
public sealed record WheelMember(string Path, ZipArchiveEntry Entry)
{
    private const int UnixTypeMask = 0xF000;
    private const int UnixSymlink = 0xA000;
    private const int AnyExecute = 0b001_001_001;

    /// <summary>Zip files made on Unix keep st_mode in the high 16 bits of the external attributes.</summary>
    private int UnixMode => (Entry.ExternalAttributes >> 16) & 0xFFFF;

    public bool IsExecutable => (UnixMode & AnyExecute) != 0;

    public bool IsSymlink => (UnixMode & UnixTypeMask) == UnixSymlink;

    /// <summary>The size the central directory declares; checked against RECORD and then against what is actually read.</summary>
    public long DeclaredSize => Entry.Length;
}
