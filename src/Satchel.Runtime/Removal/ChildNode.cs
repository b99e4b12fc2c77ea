namespace Satchel.Runtime.Removal;

/// <summary>One entry of a directory listing: its name (not a path) and its status.</summary>
public readonly record struct ChildNode(string Name, NodeStatus Status);
