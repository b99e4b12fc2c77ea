using System.Globalization;
using System.Text;
using Satchel.Runtime.Files;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Cache;

/// <summary>
/// The one way Satchel makes a file or a directory appear whole at its path: build it under a
/// unique sibling name (same directory, so the rename stays on one file system), then rename(2)
/// it into place. Readers see the old thing or the new one, never a part; a crash leaves only a
/// sibling whose infix says what it is, for its owner's next run to remove. Files: the interpreter
/// records, the apps' use records, bytecode markers, the built app (Build's AtomicOutputFile);
/// directories: units and venvs (<see cref="AtomicDirectory"/>), repairs, bytecode work.
/// </summary>
public static class AtomicPath
{
    /// <summary>The infix of a file being written beside the one it will replace.</summary>
    public const string TempFileInfix = ".tmp-";

    /// <summary>A new sibling name for <paramref name="final"/>: FINAL, the infix, the process id and 8 random hex digits.</summary>
    /// <remarks>Concatenated, not interpolated: the first interpolation of a process initialises the shared array pool (see Log).</remarks>
    public static string Sibling(string final, string infix) =>
        string.Concat(final, infix, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "-", Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Writes a small new text file (one nobody reads before its directory is renamed into place, or a marker).</summary>
    public static void WriteNewFile(string path, string text) => WriteNewFile(path, Encoding.UTF8.GetBytes(text));

    /// <summary>Writes a new file with the cache's mode: a script (<paramref name="executable"/>) is 0700 in a private cache, anything else 0600.</summary>
    public static void WriteNewFile(string path, byte[] content, bool executable = false)
    {
        using var stream = CacheModes.CreateNewFile(path, executable);
        stream.Write(content);
    }

    /// <summary>
    /// Replaces a small file so that readers see either the old content or the new. Several
    /// processes may do this at once; the last rename wins and each leaves a whole file. No fsync:
    /// after a power cut a reader may find the file empty or missing, which every reader of these
    /// records treats as a miss. The directory is created (0700 in a private cache) if missing.
    /// </summary>
    public static void ReplaceFile(string path, string text)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            CacheModes.CreateDirectory(directory);
        }

        var temp = Sibling(path, TempFileInfix);
        try
        {
            WriteNewFile(temp, text);
            MoveIntoPlace(temp, path, durable: false);
        }
        catch
        {
            DeleteQuietly(temp);
            throw;
        }
    }

    /// <summary>
    /// Renames a finished file over <paramref name="final"/>; <paramref name="durable"/> then flushes
    /// the directory, so after a power cut FINAL is the new file or the old one, never gone (the
    /// caller flushed the file's data first).
    /// </summary>
    public static void MoveIntoPlace(string temp, string final, bool durable)
    {
        File.Move(temp, final, overwrite: true);
        if (durable)
        {
            DurableWrites.FlushDirectory(Path.GetDirectoryName(final)!);
        }
    }

    /// <summary>Removes a temporary file after a failure, best effort: the original failure is the one worth reporting.</summary>
    public static void DeleteQuietly(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover sibling is harmless and named as one.
        }
    }
}
