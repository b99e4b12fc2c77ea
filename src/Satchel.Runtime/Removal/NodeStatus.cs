namespace Satchel.Runtime.Removal;

/// <summary>
/// An entry as the remover sees it, read without following links.
/// <para><see cref="WriteProtected"/>: the OS will refuse the removal (Windows: the read-only
/// attribute) or the removal of its children (Unix: a directory without owner rwx) until
/// <see cref="IFileSystem.MakeRemovable"/> is called.</para>
/// <para><see cref="Device"/>: the file system it lives on (st_dev on Unix; 0 on Windows), so the
/// remover never descends into another file system mounted inside the tree.</para>
/// </summary>
public readonly record struct NodeStatus(NodeType Type, bool WriteProtected, ulong Device = 0);
