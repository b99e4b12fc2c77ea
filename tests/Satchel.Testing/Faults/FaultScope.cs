namespace Satchel.Testing.Faults;

/// <summary>
/// The real faults one test sets up under a directory (root only), undone on dispose whatever
/// the test did: every tmpfs unmounted, every immutable flag under the directory cleared (even on
/// files the code under test moved elsewhere inside it), so the directory can then be deleted.
/// </summary>
public sealed class FaultScope(string root) : IDisposable
{
    private readonly List<TmpfsMount> _mounts = [];

    public TmpfsMount Mount(string target)
    {
        var mount = TmpfsMount.Create(target);
        _mounts.Add(mount);
        return mount;
    }

    /// <summary>Makes <paramref name="path"/> immutable and returns it.</summary>
    public string MakeImmutable(string path)
    {
        ImmutableFlag.Set(path);
        return path;
    }

    public void Dispose()
    {
        foreach (var mount in _mounts)
        {
            mount.Dispose();
        }

        _mounts.Clear();
        if (RootPrivileges.IsRoot)
        {
            ImmutableFlag.ClearUnder(root);
        }
    }
}
