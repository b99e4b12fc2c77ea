using System.IO.Enumeration;
using System.Runtime.InteropServices;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Removal;

/// <summary>
/// The Unix file system through lstat, unlink, rmdir, rename and chmod, so every failure keeps its
/// errno. Listing uses .NET's enumeration (names only; each child is then lstat'ed).
/// </summary>
internal sealed class UnixFileSystem : IFileSystem
{
    private const uint TypeMask = 0xF000;
    private const uint DirectoryType = 0x4000;
    private const uint LinkType = 0xA000;
    private const uint OwnerAll = 0b111_000_000;
    private const int EnoEnt = 2;
    private const int EAcces = 13;
    private const int EIo = 5;

    public NodeStatus? Inspect(string path)
    {
        var errno = UnixFileStatus.TryReadWithDevice(path, out var stat);
        if (errno != 0)
        {
            var error = OsError.FromErrno(errno);
            return error.Kind == OsErrorKind.NotFound ? null : throw new OsErrorException(path, error);
        }

        return (stat.Mode & TypeMask) switch
        {
            DirectoryType => new NodeStatus(NodeType.Directory, (stat.Mode & OwnerAll) != OwnerAll, stat.Device),
            LinkType => new NodeStatus(NodeType.Link, false, stat.Device),
            0 => FromAttributes(path),
            _ => new NodeStatus(NodeType.File, false, stat.Device),
        };
    }

    public IReadOnlyList<ChildNode> List(string directory)
    {
        List<string> names;
        try
        {
            names = [.. new FileSystemEnumerable<string>(directory, static (ref FileSystemEntry e) => e.FileName.ToString(),
                new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false })];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OsErrorException(directory, OsError.FromErrno(ErrnoOf(e)));
        }

        var children = new List<ChildNode>(names.Count);
        foreach (var name in names)
        {
            // An entry that vanished between readdir and lstat is simply gone.
            if (Inspect(Path.Combine(directory, name)) is { } status)
            {
                children.Add(new ChildNode(name, status));
            }
        }

        return children;
    }

    public void Rename(string source, string destination) => Check(LibC.Rename(source, destination), source);

    public void DeleteFile(string path) => Check(LibC.Unlink(path), path);

    public void DeleteDirectory(string path) => Check(LibC.Rmdir(path), path);

    public void MakeRemovable(string path)
    {
        var errno = UnixFileStatus.TryReadWithDevice(path, out var stat);
        if (errno == 0 && (stat.Mode & TypeMask) == DirectoryType)
        {
            Check(LibC.Chmod(path, (stat.Mode & 0xFFF) | OwnerAll), path);
        }
    }

    private static void Check(int result, string path)
    {
        if (result != 0)
        {
            throw new OsErrorException(path, OsError.FromErrno(Marshal.GetLastPInvokeError()));
        }
    }

    /// <summary>On an ABI whose struct stat layout is unknown, .NET's own lstat-based attributes decide.</summary>
    private static NodeStatus FromAttributes(string path)
    {
        var attributes = File.GetAttributes(path);
        return (attributes & FileAttributes.ReparsePoint) != 0 ? new NodeStatus(NodeType.Link, false)
            : (attributes & FileAttributes.Directory) != 0 ? new NodeStatus(NodeType.Directory, false)
            : new NodeStatus(NodeType.File, false);
    }

    /// <summary>
    /// .NET on Unix puts the errno in HResult, except for EACCES/EPERM (UnauthorizedAccessException
    /// wrapping an IOException that has it) and ENOENT (the not-found exceptions).
    /// </summary>
    private static int ErrnoOf(Exception e) => e switch
    {
        DirectoryNotFoundException or FileNotFoundException => EnoEnt,
        UnauthorizedAccessException { InnerException: IOException { HResult: > 0 and < 4096 } inner } => inner.HResult,
        UnauthorizedAccessException => EAcces,
        _ when e.HResult is > 0 and < 4096 => e.HResult,
        _ => EIo,
    };
}
