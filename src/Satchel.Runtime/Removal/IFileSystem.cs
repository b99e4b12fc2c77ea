namespace Satchel.Runtime.Removal;

/// <summary>
/// The file-system calls the tree remover and the retried renames run on. The real
/// implementations are <see cref="RealFileSystem.Instance"/>; the tests drive the same code over a
/// simulation of Windows semantics (sharing violations, delete-pending files, scanners).
/// Every method that fails throws <see cref="OsErrorException"/> with the classified error; none
/// follows a link.
/// </summary>
public interface IFileSystem
{
    /// <summary>The entry at <paramref name="path"/> without following a final link; null if nothing is there.</summary>
    NodeStatus? Inspect(string path);

    /// <summary>The entries of a directory (not "." and ".."), each with its status.</summary>
    IReadOnlyList<ChildNode> List(string directory);

    /// <summary>Renames a file or directory within one file system; fails if the destination exists (non-empty, for a directory).</summary>
    void Rename(string source, string destination);

    /// <summary>Removes a file or a link (a directory link or junction included, never its target).</summary>
    void DeleteFile(string path);

    /// <summary>Removes an empty directory.</summary>
    void DeleteDirectory(string path);

    /// <summary>Lifts what <see cref="NodeStatus.WriteProtected"/> reported: clears read-only, or gives a directory owner rwx.</summary>
    void MakeRemovable(string path);
}
