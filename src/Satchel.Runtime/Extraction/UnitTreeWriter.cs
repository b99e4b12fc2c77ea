using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Payload;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Extraction;

/// <summary>
/// Writes one unit's tree into an empty directory: directories first, then every file from the
/// unit's stream with its SHA-256 checked as it is written, then symlinks last (so nothing is
/// ever written through a link). Files are created exclusively (O_CREAT|O_EXCL), so a name that
/// the file system folds onto an existing one fails instead of overwriting it. Modes: directories
/// 0700, files 0600, executables 0700.
/// </summary>
public static class UnitTreeWriter
{
    private const UnixFileMode DirMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void Write(AppFile app, UnitIndex unit, string destination)
    {
        CreateDirectory(destination);
        foreach (var entry in unit.Entries)
        {
            if (entry.Kind == EntryKind.Directory)
            {
                CreateDirectory(Combine(destination, entry.Path));
            }
        }

        WriteFiles(app, unit, destination);

        foreach (var entry in unit.Entries)
        {
            if (entry.Kind == EntryKind.Symlink)
            {
                File.CreateSymbolicLink(Combine(destination, entry.Path), entry.LinkTarget!);
            }
        }
    }

    private static void WriteFiles(AppFile app, UnitIndex unit, string destination)
    {
        using var pipeline = new BlockPipeline(app, unit.Blocks);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        DecodedBlock? block = null;
        var blockPos = 0;
        try
        {
            foreach (var entry in unit.Entries)
            {
                if (entry.Kind != EntryKind.File)
                {
                    continue;
                }

                var path = Combine(destination, entry.Path);
                using (var handle = CreateFile(path, entry.IsExecutable, entry.Size))
                {
                    long written = 0;
                    while (written < entry.Size)
                    {
                        if (block is null || blockPos == block.Data.Length)
                        {
                            block?.Dispose();
                            block = pipeline.Next() ?? throw new CorruptPayloadException(app.Path, "the data blocks end before the files do");
                            blockPos = 0;
                        }

                        var chunk = block.Data.Slice(blockPos, (int)Math.Min(block.Data.Length - blockPos, entry.Size - written));
                        RandomAccess.Write(handle, chunk, written);
                        hash.AppendData(chunk);
                        written += chunk.Length;
                        blockPos += chunk.Length;
                    }
                }

                if (!hash.GetHashAndReset().AsSpan().SequenceEqual(entry.Sha256))
                {
                    throw new CorruptPayloadException(app.Path, $"file '{EntryPathRules.Printable(entry.Path)}' does not match its SHA-256 in the index");
                }
            }
        }
        finally
        {
            block?.Dispose();
        }
    }

    /// <summary>
    /// Creates the file exclusively with its final mode. On Unix this is a plain open(2): a
    /// FileStream would add two lseek calls per file, which a tree of thousands of files pays
    /// on every first run.
    /// </summary>
    private static SafeFileHandle CreateFile(string path, bool executable, long size)
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = executable ? 0b111_000_000 : 0b110_000_000;
            var fd = LibC.Open(path, LibC.O_WRONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC | LibC.O_NOFOLLOW, mode);
            if (fd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new IOException($"cannot create {path}: {LibC.StrError(errno)}", errno);
            }

            return new SafeFileHandle(fd, ownsHandle: true);
        }

        return File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, size > 1 << 20 ? size : 0);
    }

    private static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, DirMode);
        }
    }

    /// <summary>Entry paths are validated '/'-separated relative paths; this maps them under the destination.</summary>
    public static string Combine(string destination, string entryPath) =>
        Path.Combine(destination, Path.DirectorySeparatorChar == '/' ? entryPath : entryPath.Replace('/', Path.DirectorySeparatorChar));
}
