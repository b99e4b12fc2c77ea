namespace Satchel.Testing.SimulatedFileSystem;

/// <summary>
/// An open handle on a simulated file, as a scanner, an indexer or a still-running process holds
/// one. Without share-delete, deleting the file is a sharing violation; with it, the delete
/// succeeds but leaves the file delete-pending until the last handle closes.
/// </summary>
public sealed class SimHandle : IDisposable
{
    private readonly Action<SimHandle> _close;

    internal SimHandle(bool shareDelete, Action<SimHandle> close)
    {
        ShareDelete = shareDelete;
        _close = close;
    }

    public bool ShareDelete { get; }

    public bool Closed { get; private set; }

    public void Dispose()
    {
        if (!Closed)
        {
            Closed = true;
            _close(this);
        }
    }
}
