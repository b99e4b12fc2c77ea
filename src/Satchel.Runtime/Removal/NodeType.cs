namespace Satchel.Runtime.Removal;

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
