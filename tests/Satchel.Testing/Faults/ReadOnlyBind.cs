namespace Satchel.Testing.Faults;

/// <summary>
/// A directory made read-only in place (root only): a bind mount of itself, remounted `ro`, so
/// every write under it fails with EROFS, root's too, as on a read-only container image.
/// Disposing unmounts it.
/// </summary>
public sealed class ReadOnlyBind : IDisposable
{
    private readonly string _target;
    private bool _mounted;

    private ReadOnlyBind(string target)
    {
        _target = target;
        _mounted = true;
    }

    public static ReadOnlyBind Over(string directory)
    {
        Run("mount", "--bind", directory, directory);
        var bind = new ReadOnlyBind(directory);
        try
        {
            Run("mount", "-o", "remount,bind,ro", directory);
        }
        catch
        {
            bind.Dispose();
            throw;
        }

        return bind;
    }

    public void Dispose()
    {
        if (_mounted)
        {
            _mounted = false;
            ProcessRunner.Run("umount", [_target]);
        }
    }

    private static void Run(string program, params string[] args)
    {
        var result = ProcessRunner.Run(program, args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {result}");
        }
    }
}
