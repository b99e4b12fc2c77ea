using Satchel.Windows.Tests.Host;

namespace Satchel.Windows.Tests.Helpers;

/// <summary>What a virus scanner, an indexer or a shell does to a build directory, from another process.</summary>
internal static class FileHolder
{
    /// <summary>
    /// `hold HANDSHAKE FILE...`: opens every file for reading with FILE_SHARE_READ|WRITE but not
    /// FILE_SHARE_DELETE (as scanners do), so deleting or renaming it fails with a sharing
    /// violation, until the case releases it.
    /// </summary>
    public static int Hold(string[] args)
    {
        var handshake = new Handshake(args[0]);
        var handles = new List<FileStream>();
        foreach (var path in args[1..])
        {
            handles.Add(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        }

        handshake.SayReady(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        handshake.WaitForRelease();
        foreach (var handle in handles)
        {
            handle.Dispose();
        }

        return 0;
    }

    /// <summary>
    /// `delete-pending HANDSHAKE FILE`: opens the file with FILE_SHARE_DELETE and deletes it, so it
    /// is delete-pending: still listed, its directory not empty, until this handle closes.
    /// </summary>
    public static int HoldDeletePending(string[] args)
    {
        var handshake = new Handshake(args[0]);
        using var handle = new FileStream(args[1], FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        File.Delete(args[1]);
        handshake.SayReady();
        handshake.WaitForRelease();
        return 0;
    }

    /// <summary>`stay HANDSHAKE`: started with its current directory in the tree; stays there until released.</summary>
    public static int Stay(string[] args)
    {
        var handshake = new Handshake(args[0]);
        handshake.SayReady(Environment.CurrentDirectory);
        handshake.WaitForRelease();
        return 0;
    }
}
