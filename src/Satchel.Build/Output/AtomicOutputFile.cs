using Satchel.Runtime.Errors;
using Satchel.Runtime.Cache;

namespace Satchel.Build.Output;

/// <summary>
/// An output file written under a temporary name beside its final path and renamed into place
/// only when complete, so a failed or interrupted build never leaves a half-written file where
/// the user expects an app (and never damages the previous one). The rename is
/// <see cref="AtomicPath"/>'s, as for every file Satchel replaces.
/// </summary>
public sealed class AtomicOutputFile : IDisposable
{
    private bool _committed;

    private AtomicOutputFile(string finalPath, string tempPath, FileStream stream)
    {
        FinalPath = finalPath;
        TempPath = tempPath;
        Stream = stream;
    }

    public string FinalPath { get; }

    public string TempPath { get; }

    public FileStream Stream { get; }

    /// <summary>
    /// Opens a temporary file for <paramref name="path"/>: in <paramref name="tempDirectory"/> (a
    /// build directory beside the output, so the final rename stays on one file system), else
    /// hidden beside the output.
    /// </summary>
    public static AtomicOutputFile Create(string path, string? tempDirectory = null)
    {
        var full = OutputTarget.Check(path);
        var directory = tempDirectory ?? Path.GetDirectoryName(full)!;
        var temp = Path.Combine(directory, "." + Path.GetFileName(full) + ".satchel-tmp-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 1 << 20 };
            return new AtomicOutputFile(full, temp, new FileStream(temp, options));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SatchelException(ExitCodes.CantCreate, $"cannot write {full}: {IoErrors.Describe(e)}");
        }
    }

    /// <summary>Flushes, marks executable, renames the file into place and flushes the directory holding it.</summary>
    public void Commit(bool executable)
    {
        try
        {
            Stream.Flush(flushToDisk: true);
            Stream.Dispose();
            if (executable && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(TempPath, (UnixFileMode)0b111_101_101);
            }

            // The data was flushed before the rename; the durable move flushes the directory too,
            // so after a power cut OUT is the new file or the old one, never gone.
            AtomicPath.MoveIntoPlace(TempPath, FinalPath, durable: true);
            _committed = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SatchelException(IoErrors.IsDiskFull(e) ? ExitCodes.CantCreate : ExitCodes.IoError, $"cannot write {FinalPath}: {IoErrors.Describe(e)}");
        }
    }

    public void Dispose()
    {
        Stream.Dispose();
        if (!_committed)
        {
            AtomicPath.DeleteQuietly(TempPath);
        }
    }
}
