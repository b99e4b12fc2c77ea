namespace Satchel.Runtime.Removal;

/// <summary>
/// The Windows file system through .NET's file APIs, which wrap the Win32 calls one to one and
/// keep the system error code in HResult (0x8007xxxx). A directory link or junction carries the
/// Directory attribute and is removed with RemoveDirectory, which removes the link, not the target.
/// </summary>
internal sealed class WindowsFileSystem : IFileSystem
{
    private const int FacilityWin32 = 7;
    private const int AccessDenied = 5;
    private const int FileNotFound = 2;
    private const int PathNotFound = 3;

    public NodeStatus? Inspect(string path)
    {
        try
        {
            var attributes = FileAttributes.Normal;
            Call(path, () => attributes = File.GetAttributes(path));
            return ToStatus(attributes);
        }
        catch (OsErrorException e) when (e.Error.Kind == OsErrorKind.NotFound)
        {
            return null;
        }
    }

    public IReadOnlyList<ChildNode> List(string directory)
    {
        var children = new List<ChildNode>();
        Call(directory, () =>
        {
            children.Clear();
            foreach (var info in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false }))
            {
                children.Add(new ChildNode(info.Name, ToStatus(info.Attributes)));
            }
        });
        return children;
    }

    public void Rename(string source, string destination) => Call(source, () =>
    {
        // Both end in MoveFileEx without MOVEFILE_REPLACE_EXISTING: an existing destination fails.
        if ((File.GetAttributes(source) & FileAttributes.Directory) != 0)
        {
            Directory.Move(source, destination);
        }
        else
        {
            File.Move(source, destination, overwrite: false);
        }
    });

    public void DeleteFile(string path) => Call(path, () =>
    {
        if ((File.GetAttributes(path) & FileAttributes.Directory) != 0)
        {
            Directory.Delete(path, recursive: false);
        }
        else
        {
            File.Delete(path);
        }
    });

    public void DeleteDirectory(string path) => Call(path, () => Directory.Delete(path, recursive: false));

    public void MakeRemovable(string path) =>
        Call(path, () => File.SetAttributes(path, File.GetAttributes(path) & ~FileAttributes.ReadOnly));

    private static NodeStatus ToStatus(FileAttributes attributes)
    {
        var readOnly = (attributes & FileAttributes.ReadOnly) != 0;
        return (attributes & FileAttributes.ReparsePoint) != 0 ? new NodeStatus(NodeType.Link, readOnly)
            : (attributes & FileAttributes.Directory) != 0 ? new NodeStatus(NodeType.Directory, readOnly)
            : new NodeStatus(NodeType.File, readOnly);
    }

    private static void Call(string path, Action call)
    {
        try
        {
            call();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OsErrorException(path, OsError.FromWin32(CodeOf(e), e.Message));
        }
    }

    private static int CodeOf(Exception e) => e switch
    {
        FileNotFoundException => FileNotFound,
        DirectoryNotFoundException => PathNotFound,
        _ when ((e.HResult >> 16) & 0x1FFF) == FacilityWin32 => e.HResult & 0xFFFF,
        UnauthorizedAccessException => AccessDenied,
        _ => e.HResult & 0xFFFF,
    };
}
