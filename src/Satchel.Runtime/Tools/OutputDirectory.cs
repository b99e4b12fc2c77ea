using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Posix;
using Satchel.Runtime.Removal;

namespace Satchel.Runtime.Tools;

/// <summary>
/// A directory the tools create for the user (`extract`, `venv`): filled in a sibling work
/// directory and renamed into place at the end, so a failure or a kill never leaves a half tree
/// at the path the user named. The path must not exist yet, or be an empty directory. A tree whose
/// files embed their own absolute path (a venv) is filled in place instead and removed on failure.
/// </summary>
public static class OutputDirectory
{
    public static void Create(string destination, string what, Action<string> fill, Log log, bool inPlace = false)
    {
        var final = Path.TrimEndingDirectorySeparator(Path.GetFullPath(destination));
        if (File.Exists(final) || (Directory.Exists(final) && HasEntries(final)))
        {
            throw new SatchelException(ExitCodes.CantCreate, $"cannot write the {what} to {final}: it already exists and is not an empty directory; choose a new path or remove it");
        }

        var parent = Path.GetDirectoryName(final)!;
        if (!Directory.Exists(parent))
        {
            throw new SatchelException(ExitCodes.CantCreate, $"cannot write the {what} to {final}: its parent directory {parent} does not exist");
        }

        var work = inPlace ? final : $"{final}.satchel-work-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        try
        {
            Directory.CreateDirectory(work);
            fill(work);
            if (inPlace)
            {
                return;
            }

            if (Directory.Exists(final))
            {
                // Empty, checked above. Not Directory.Delete: its recursive branch enumerates with a
                // tuple-typed transform whose shared generic code makes NativeAOT link its runtime
                // type loader into the launcher (~210 KB).
                RealFileSystem.Instance.DeleteDirectory(final);
            }

            if (DirectoryMover.Move(work, final, log) == MoveOutcome.DestinationExists)
            {
                throw new SatchelException(ExitCodes.CantCreate, $"cannot write the {what} to {final}: something was created there meanwhile; choose a new path");
            }
        }
        catch (Exception e)
        {
            TreeRemover.TryRemove(work, out _, log);
            throw e switch
            {
                SatchelException => e,
                IOException or UnauthorizedAccessException => new SatchelException(
                    e is IOException io && IoErrors.IsDiskFull(io) ? ExitCodes.CantCreate : ExitCodes.IoError,
                    $"cannot write the {what} to {final}: {IoErrors.Describe(e)}", e),
                _ => e,
            };
        }
    }

    private static bool HasEntries(string directory) => DirectoryNames.StartingWith(directory, string.Empty).Count > 0;
}
