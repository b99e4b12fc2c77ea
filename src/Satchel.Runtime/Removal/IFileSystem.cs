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

/// <summary>
/// An entry as the remover sees it, read without following links.
/// <para><see cref="WriteProtected"/>: the OS will refuse the removal (Windows: the read-only
/// attribute) or the removal of its children (Unix: a directory without owner rwx) until
/// <see cref="IFileSystem.MakeRemovable"/> is called.</para>
/// <para><see cref="Device"/>: the file system it lives on (st_dev on Unix; 0 on Windows), so the
/// remover never descends into another file system mounted inside the tree.</para>
/// </summary>
public readonly record struct NodeStatus(NodeType Type, bool WriteProtected, ulong Device = 0);

/// <summary>What an entry is for removal purposes: links of every kind are removed themselves, never followed.</summary>
public enum NodeType
{
    /// <summary>Anything removed with unlink/DeleteFile: regular files, FIFOs, sockets, devices.</summary>
    File,

    /// <summary>A real directory (not a link to one).</summary>
    Directory,

    /// <summary>A symlink, junction or other reparse point: the link itself is removed.</summary>
    Link,
}

/// <summary>One entry of a directory listing: its name (not a path) and its status.</summary>
public readonly record struct ChildNode(string Name, NodeStatus Status);

/// <summary>The file system of the OS this process runs on.</summary>
public static class RealFileSystem
{
    public static IFileSystem Instance { get; } = OperatingSystem.IsWindows() ? new WindowsFileSystem() : new UnixFileSystem();
}
