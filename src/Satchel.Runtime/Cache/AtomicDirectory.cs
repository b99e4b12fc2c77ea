using System.Runtime.InteropServices;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Files;
using Satchel.Runtime.Posix;
using Satchel.Runtime.Removal;
using Satchel.Runtime.Configuration;

namespace Satchel.Runtime.Cache;

/// <summary>
/// Creates a cache directory exactly once, whatever runs at the same time or crashes midway:
/// double-checked exclusive lock on a sibling lock file, leftovers of crashed runs removed by the
/// lock holder, the content written into a unique work directory beside the target, the
/// completion marker written last, then a rename into place. Used for units and for venvs.
/// </summary>
public sealed class AtomicDirectory(string final, Log log)
{
    public const string CompleteMarker = ".satchel-complete";
    public const string WorkInfix = ".work-";

    /// <summary>A `SATCHEL_VERIFY` repair beside a unit or venv (CachedUnitRepair, VenvRepair); the holder of the exclusive lock removes a crashed one.</summary>
    public const string RepairInfix = ".repair-";

    /// <summary>A new name for a repair directory beside <paramref name="final"/>.</summary>
    public static string RepairPathFor(string final) => AtomicPath.Sibling(final, RepairInfix);

    /// <summary>
    /// `SATCHEL_DURABLE=1`: a directory is flushed to disk (syncfs) before its marker is written, so
    /// not even the first start after a power cut finds a marked directory with missing data.
    /// </summary>
    private static bool Durable => Settings.Flag(SatchelVariables.Durable);

    public string Final { get; } = final;

    public string Marker => Path.Combine(Final, CompleteMarker);

    public string LockPath => Final + ".lock";

    public bool IsComplete => IsCompleteAt(Final);

    /// <summary>
    /// The marker exists and the directory is a real directory: a symlink planted at the path
    /// could lead to any tree with a marker in it, so it never counts (one lstat more).
    /// </summary>
    public static bool IsCompleteAt(string final)
    {
        var marker = Path.Combine(final, CompleteMarker);
        if (UnixFileStatus.TypeOf(final) is { } type)
        {
            // Two lstat calls and no BCL path API (see UnixFileStatus.TypeOf): this is the warm path.
            return type == UnixFileStatus.DirectoryType && UnixFileStatus.TypeOf(marker) == UnixFileStatus.RegularType;
        }

        return File.Exists(marker) && new DirectoryInfo(final).LinkTarget is null;
    }

    /// <summary>
    /// <see cref="IsCompleteAt"/>, and for a complete directory whether its marker was last
    /// written before <paramref name="bootTime"/> (ns since the epoch, <see cref="BootClock"/>):
    /// the same two lstat calls, the second one read for its mtime as well.
    /// </summary>
    public static Completion CompletionAt(string final, long bootTime)
    {
        if (!UnixFileStatus.HasStampLayout || UnixFileStatus.TypeOf(final) is not { } type)
        {
            return IsCompleteAt(final) ? Completion.Complete : Completion.Missing;
        }

        if (type != UnixFileStatus.DirectoryType
            || !UnixFileStatus.TryReadStamp(Path.Combine(final, CompleteMarker), out _, out var mtime, out var mode)
            || (mode & UnixFileStatus.TypeMask) != UnixFileStatus.RegularType)
        {
            return Completion.Missing;
        }

        return mtime < bootTime ? Completion.PredatesBoot : Completion.Complete;
    }

    /// <summary>
    /// Makes sure the directory is complete; <paramref name="fill"/> writes the content into the
    /// work directory it is given and returns the marker's text. Returns true if this call made it.
    /// </summary>
    public bool Ensure(Func<string, string> fill)
    {
        if (IsComplete)
        {
            return false;
        }

        var parent = Path.GetDirectoryName(Final)!;
        CreatePrivateDirectory(parent);
        using var held = FileLock.Acquire(LockPath, exclusive: true, FileLock.DefaultTimeout, log);
        if (IsComplete)
        {
            log.Line($"{Final} was completed by another process while we waited");
            return false;
        }

        var name = Path.GetFileName(Final);
        foreach (var stale in Directory.GetDirectories(parent, name + WorkInfix + "*"))
        {
            // Our work directory gets a unique name, so a leftover that will not go is only logged
            // (its tombstone keeps the prefix: the next holder of the lock tries again).
            log.Line($"removing leftover work directory {stale}");
            TreeRemover.TryRemove(stale, out _, log);
        }

        var planted = new FileInfo(Final);
        if (planted.LinkTarget is not null || planted.Exists)
        {
            // A link (even dangling) or a file where the directory belongs: removed itself, never
            // followed; left there, it would make the final rename fail on every run.
            log.Line($"removing {Final}, which is not a directory made by satchel");
            File.Delete(Final);
        }
        else if (Directory.Exists(Final))
        {
            // A directory without its marker was not made by a finished run (or was damaged).
            // Moving it aside is enough to go on; only a tree that could not even be moved blocks us.
            log.Line($"removing incomplete directory {Final}");
            TreeRemover.FreePath(Final, log);
        }

        var work = AtomicPath.Sibling(Final, WorkInfix);
        try
        {
            CreateNewPrivateDirectory(work);
            var marker = fill(work);
            if (Durable)
            {
                // Everything the unit holds reaches the disk before the marker that vouches for it.
                DurableWrites.SyncFileSystem(work);
            }

            AtomicPath.WriteNewFile(Path.Combine(work, CompleteMarker), marker);
            if (DirectoryMover.Move(work, Final, log) == MoveOutcome.DestinationExists)
            {
                return UseTheWinnersCopy(work);
            }

            return true;
        }
        catch (Exception e)
        {
            TryRemove(work);
            throw Translate(e, parent);
        }
    }

    /// <summary>
    /// The directory appeared while we filled ours: a process that does not honour our lock (on
    /// another machine sharing a network file system, an older satchel) finished first. Its
    /// complete copy is as good as ours; anything else at the final path is an error.
    /// </summary>
    private bool UseTheWinnersCopy(string work)
    {
        if (!IsComplete)
        {
            throw new SatchelException(ExitCodes.CantCreate,
                $"cannot move {work} into place: {Final} appeared meanwhile and is not complete; remove it or set SATCHEL_ROOT to another directory");
        }

        log.Line($"{Final} appeared while we filled {work}; using that copy");
        TryRemove(work);
        return false;
    }

    // The next holder of the lock removes a leftover; TryRemove has logged what stayed, and the
    // original error is the one to report.
    private void TryRemove(string work) => TreeRemover.TryRemove(work, out _, log);

    /// <summary>Turns file-system failures while filling into one user-facing line.</summary>
    internal static Exception Translate(Exception e, string parent) => e switch
    {
        SatchelException => e,
        IOException io when IoErrors.IsDiskFull(io) => new SatchelException(ExitCodes.CantCreate,
            $"no space left on the device while extracting into {parent}; free space there or set SATCHEL_ROOT to another disk", e),
        IOException or UnauthorizedAccessException => new SatchelException(ExitCodes.CantCreate,
            $"cannot extract into {parent}: {IoErrors.Describe(e)}; check the cache directory or set SATCHEL_ROOT", e),
        _ => e,
    };

    /// <summary>
    /// Creates a directory 0700 that must not exist yet (its parent must). mkdir(2) fails on
    /// anything already at the path, a planted symlink included, where Directory.CreateDirectory
    /// would accept an existing directory, or a link to one, and everything after would be
    /// written wherever it leads.
    /// </summary>
    public static void CreateNewPrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            if (Path.Exists(path) || new DirectoryInfo(path).LinkTarget is not null)
            {
                throw new SatchelException(ExitCodes.CantCreate, $"cannot create directory {path}: something is already there; remove it or set SATCHEL_ROOT elsewhere");
            }

            Directory.CreateDirectory(path);
            return;
        }

        if (LibC.MkDir(path, (int)CacheModes.Directory) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EEXIST)
            {
                throw new SatchelException(ExitCodes.CantCreate,
                    $"cannot create directory {path}: something is already there (a directory nobody should have made); remove it or set SATCHEL_ROOT elsewhere");
            }

            // The errno as HResult, as .NET's own IOExceptions carry it: disk full is recognised by it.
            throw new IOException($"cannot create directory {path}: {LibC.StrError(errno)}", errno);
        }
    }

    /// <summary>Creates a directory (and missing parents) readable only by its owner.</summary>
    public static void CreatePrivateDirectory(string path)
    {
        try
        {
            // The mode applies to the last directory only; missing parents (the schema
            // directory) would get 0777 minus the umask.
            if (!OperatingSystem.IsWindows() && Path.GetDirectoryName(path) is { } parent && !Directory.Exists(parent))
            {
                CreatePrivateDirectory(parent);
            }

            CacheModes.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SatchelException(ExitCodes.CantCreate,
                $"cannot create directory {path}: {IoErrors.Describe(e)}; check the cache directory or set SATCHEL_ROOT", e);
        }
    }
}

/// <summary>What the completion marker of a cache directory says.</summary>
public enum Completion
{
    /// <summary>No marker (or not a real directory): the directory must be made.</summary>
    Missing,

    /// <summary>Complete, marked since the last boot.</summary>
    Complete,

    /// <summary>Complete, but marked before the last boot: a power cut may have lost data the marker vouches for.</summary>
    PredatesBoot,
}
