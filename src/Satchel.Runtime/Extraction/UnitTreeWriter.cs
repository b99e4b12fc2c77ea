using System.Security.Cryptography;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Payload;

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
    private const UnixFileMode FileMode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

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
                using (var stream = CreateFile(path, entry.IsExecutable, entry.Size))
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
                        RandomAccess.Write(stream.SafeFileHandle, chunk, written);
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

    private static FileStream CreateFile(string path, bool executable, long size)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
            PreallocationSize = size > 1 << 20 ? size : 0,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = executable ? FileMode600 | UnixFileMode.UserExecute : FileMode600;
        }

        return new FileStream(path, options);
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
