namespace Satchel.Runtime.Format;

/// <summary>What an index entry is. The numbers are part of the format.</summary>
public enum EntryKind : byte
{
    File = 1,
    Directory = 2,
    Symlink = 3,
}
