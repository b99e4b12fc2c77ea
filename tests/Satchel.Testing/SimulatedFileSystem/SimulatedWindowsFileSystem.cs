using Satchel.Runtime.Removal;

namespace Satchel.Testing.SimulatedFileSystem;

/// <summary>
/// An in-memory file system with the Windows semantics that make deleting hard, driven by a
/// <see cref="FakeClock"/>: files held open without share-delete (sharing violation, 32), files
/// and directories deleted while a share-delete handle is open (delete-pending: still listed and
/// still "existing", access denied on every call, their parent not empty (145) until the last
/// handle closes), scanners that deny access (5) a number of times, read-only attributes (access
/// denied until cleared), and directories that cannot be renamed while a file inside is open. Paths are
/// absolute with '/' separators; names compare case-insensitively. Errors use Windows codes, so
/// the remover classifies them as it would on Windows.
/// </summary>
public sealed class SimulatedWindowsFileSystem : IFileSystem
{
    private const int FileNotFound = 2;
    private const int PathNotFound = 3;
    private const int AccessDenied = 5;
    private const int SharingViolation = 32;
    private const int DirNotEmpty = 145;
    private const int AlreadyExists = 183;
    private const int NotADirectory = 267;

    private readonly SimNode _root = new(SimNodeKind.Directory, null);

    public SimulatedWindowsFileSystem(FakeClock clock) => Clock = clock;

    public FakeClock Clock { get; }

    /// <summary>Every call and its outcome ("DeleteFile /t/a: 32"), for tests that assert what was tried.</summary>
    public List<string> Calls { get; } = [];

    // ---- building the scene ----

    public void AddDirectory(string path, bool readOnly = false) => Add(path, SimNodeKind.Directory, readOnly: readOnly);

    public void AddFile(string path, string content = "", bool readOnly = false) => Add(path, SimNodeKind.File, content, readOnly);

    /// <summary>A symlink or junction; nothing here ever follows it, and neither may the remover.</summary>
    public void AddLink(string path, string target) => Add(path, SimNodeKind.Link, linkTarget: target);

    /// <summary>Opens a handle, as a scanner or a running process would.</summary>
    public SimHandle Open(string path, bool shareDelete)
    {
        var node = Find(path) ?? throw new InvalidOperationException($"no {path} to open");
        SimHandle? handle = null;
        handle = new SimHandle(shareDelete, h => Close(node, h));
        node.Handles.Add(handle);
        return handle;
    }

    /// <summary>A scanner that holds the file (no share-delete) from now until <paramref name="releaseAt"/>, or forever when null.</summary>
    public SimHandle HoldLikeAScanner(string path, TimeSpan? releaseAt)
    {
        var handle = Open(path, shareDelete: false);
        if (releaseAt is { } at)
        {
            Clock.At(at, handle.Dispose);
        }

        return handle;
    }

    /// <summary>A scanner that answers the next <paramref name="times"/> calls on the path with access denied.</summary>
    public void DenyAccess(string path, int times) => Require(path).DeniesLeft = times;

    /// <summary>Every mutating call on the path fails with this (non-transient) Windows error.</summary>
    public void FailPermanently(string path, int code) => Require(path).PermanentError = code;

    /// <summary>
    /// Runs <paramref name="writer"/> right after each listing of the directory (a writer racing the
    /// remover); it gets the directory's current path, which changes when the tree is moved aside.
    /// </summary>
    public void OnList(string directory, Action<string> writer) => Require(directory).OnList = writer;

    // ---- what a test asks ----

    /// <summary>What Windows' "exists" answers: true for delete-pending entries too.</summary>
    public bool Exists(string path) => Find(path) is not null;

    public bool IsDeletePending(string path) => Find(path)?.DeletePending == true;

    public string ReadFile(string path) => Require(path).Content;

    /// <summary>Every path in the simulated tree, sorted.</summary>
    public IReadOnlyList<string> AllPaths() =>
        [.. _root.SelfAndDescendants().Where(n => n != _root).Select(PathOf).Order(StringComparer.Ordinal)];

    // ---- IFileSystem ----

    public NodeStatus? Inspect(string path)
    {
        var node = Find(path);
        if (node is null)
        {
            Log("Inspect", path, "absent");
            return null;
        }

        // GetFileAttributes on a delete-pending file: STATUS_DELETE_PENDING, i.e. access denied.
        Fail("Inspect", path, node.DeletePending ? AccessDenied : null);
        Log("Inspect", path, "ok");
        return StatusOf(node);
    }

    public IReadOnlyList<ChildNode> List(string directory)
    {
        var node = Find(directory);
        Fail("List", directory,
            node is null ? PathNotFound
            : node.Kind != SimNodeKind.Directory ? NotADirectory
            : node.DeletePending ? AccessDenied : (int?)null);
        var children = node!.Children.Values.Select(child => new ChildNode(child.Name, StatusOf(child))).ToList();
        Log("List", directory, $"{children.Count} entries");
        node.OnList?.Invoke(PathOf(node));

        return children;
    }

    public void Rename(string source, string destination)
    {
        var node = Find(source);
        var targetParent = Find(ParentOf(destination));
        Fail("Rename", source,
            node is null ? FileNotFound
            : targetParent is null ? PathNotFound
            : Find(destination) is not null ? AlreadyExists
            : Scanner(node) ?? node.PermanentError
            // Windows refuses to rename a directory while a file inside it is open.
            ?? (node.SelfAndDescendants().Any(n => n.Handles.Count > 0 || n.DeletePending) ? AccessDenied : (int?)null));
        node!.Parent!.Children.Remove(node.Name);
        node.Name = NameOf(destination);
        node.Parent = targetParent;
        targetParent!.Children[node.Name] = node;
        Log("Rename", source, "ok -> " + destination);
    }

    public void DeleteFile(string path)
    {
        var node = Find(path);
        Fail("DeleteFile", path,
            node is null ? FileNotFound
            : node.Kind == SimNodeKind.Directory || node.DeletePending ? AccessDenied
            : Scanner(node) ?? node.PermanentError
            ?? (node.ReadOnly ? AccessDenied : (int?)null)
            ?? (node.Handles.Any(h => !h.ShareDelete) ? SharingViolation : (int?)null));
        DeleteOrLeavePending("DeleteFile", path, node!);
    }

    public void DeleteDirectory(string path)
    {
        var node = Find(path);
        Fail("DeleteDirectory", path,
            node is null ? PathNotFound
            : node.Kind != SimNodeKind.Directory ? NotADirectory
            : node.DeletePending ? AccessDenied
            : Scanner(node) ?? node.PermanentError
            ?? (node.ReadOnly ? AccessDenied : (int?)null)
            ?? (node.Children.Count > 0 ? DirNotEmpty : (int?)null)
            ?? (node.Handles.Any(h => !h.ShareDelete) ? SharingViolation : (int?)null));
        DeleteOrLeavePending("DeleteDirectory", path, node!);
    }

    public void MakeRemovable(string path)
    {
        var node = Find(path);
        Fail("MakeRemovable", path, node is null ? FileNotFound : null);
        node!.ReadOnly = false;
        Log("MakeRemovable", path, "ok");
    }

    // ---- internals ----

    /// <summary>
    /// The delete succeeded; with share-delete handles still open (a process using the file, a
    /// watcher or a current directory on a directory) the entry lingers, delete-pending, until the
    /// last one closes.
    /// </summary>
    private void DeleteOrLeavePending(string call, string path, SimNode node)
    {
        if (node.Handles.Count > 0)
        {
            node.DeletePending = true;
            Log(call, path, "ok (delete pending)");
            return;
        }

        Unlink(node);
        Log(call, path, "ok");
    }

    private void Add(string path, SimNodeKind kind, string content = "", bool readOnly = false, string? linkTarget = null)
    {
        var parentPath = ParentOf(path);
        var parent = Find(parentPath);
        if (parent is null)
        {
            Add(parentPath, SimNodeKind.Directory);
            parent = Find(parentPath)!;
        }

        var name = NameOf(path);
        parent.Children[name] = new SimNode(kind, parent) { Name = name, Content = content, ReadOnly = readOnly, LinkTarget = linkTarget };
    }

    private static NodeStatus StatusOf(SimNode node) => new(
        node.Kind switch { SimNodeKind.Directory => NodeType.Directory, SimNodeKind.Link => NodeType.Link, _ => NodeType.File },
        node.ReadOnly);

    private static int? Scanner(SimNode node)
    {
        if (node.DeniesLeft <= 0)
        {
            return null;
        }

        node.DeniesLeft--;
        return AccessDenied;
    }

    private void Close(SimNode node, SimHandle handle)
    {
        node.Handles.Remove(handle);
        if (node.DeletePending && node.Handles.Count == 0)
        {
            Unlink(node);
        }
    }

    private static void Unlink(SimNode node) => node.Parent?.Children.Remove(node.Name);

    private void Fail(string call, string path, int? code)
    {
        if (code is { } error)
        {
            Log(call, path, error.ToString(System.Globalization.CultureInfo.InvariantCulture));
            throw new OsErrorException(path, OsError.FromWin32(error));
        }
    }

    private void Log(string call, string path, string outcome) => Calls.Add($"{call} {path}: {outcome}");

    private SimNode Require(string path) => Find(path) ?? throw new InvalidOperationException($"{path} is not in the simulation");

    private SimNode? Find(string path)
    {
        var node = _root;
        foreach (var part in Normalize(path).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            // A link is never followed: a path through it does not exist here.
            if (node.Kind != SimNodeKind.Directory || !node.Children.TryGetValue(part, out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    private static string PathOf(SimNode node)
    {
        var parts = new Stack<string>();
        for (var n = node; n.Parent is not null; n = n.Parent)
        {
            parts.Push(n.Name);
        }

        return "/" + string.Join('/', parts);
    }

    private static string Normalize(string path) => "/" + path.Replace('\\', '/').Trim('/');

    private static string ParentOf(string path)
    {
        var normalized = Normalize(path);
        var slash = normalized.LastIndexOf('/');
        return slash <= 0 ? "/" : normalized[..slash];
    }

    private static string NameOf(string path) => Normalize(path)[(Normalize(path).LastIndexOf('/') + 1)..];
}
