namespace Satchel.Runtime.Files;

/// <summary>
/// The permission bits of everything Satchel creates in the cache: the owner's bits as always
/// (0700 directories and executables, 0600 files), plus the group and other read and search bits
/// of the cache root itself. A root made 0700 (the default) keeps the cache private; a root an
/// administrator made 0755 (a cache prebaked for every user of a container image,
/// docs/containers.md) gets 0755 directories and 0644 files, so other users can read what they
/// run. Write bits are never shared: a root writable by group or others is refused. Set once per
/// process by <see cref="CacheRoot"/> from the stat it makes anyway; the umask still applies.
/// </summary>
public static class CacheModes
{
    private const uint OwnerAll = 0b111_000_000;
    private const uint OwnerReadWrite = 0b110_000_000;
    private const uint ReadBits = 0b000_100_100;
    private const uint ReadSearchBits = 0b000_101_101;

    /// <summary>The root's group/other read and search bits (0 for a private root).</summary>
    public static uint Shared { get; private set; }

    public static uint Directory => OwnerAll | Shared;

    public static uint File => OwnerReadWrite | (Shared & ReadBits);

    public static uint Executable => OwnerAll | Shared;

    public static UnixFileMode DirectoryMode => (UnixFileMode)Directory;

    public static UnixFileMode FileMode => (UnixFileMode)File;

    public static UnixFileMode ExecutableMode => (UnixFileMode)Executable;

    /// <summary>
    /// Creates a directory (and missing parents, which get 0777 minus the umask) with
    /// <see cref="DirectoryMode"/>: the one spelling of "0700 on Unix"; Windows has no modes.
    /// </summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
        }
        else
        {
            System.IO.Directory.CreateDirectory(path, DirectoryMode);
        }
    }

    /// <summary>Opens a file that must not exist yet for writing, with <see cref="FileMode"/> (or <see cref="ExecutableMode"/>).</summary>
    public static FileStream CreateNewFile(string path, bool executable = false)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = executable ? ExecutableMode : FileMode;
        }

        return new FileStream(path, options);
    }

    /// <summary>Takes the read and search bits for group and others from the root's mode.</summary>
    internal static void ShareLike(uint rootMode) => Shared = rootMode & ReadSearchBits;
}
