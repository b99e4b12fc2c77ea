namespace Satchel.Build.Wheels;

/// <summary>One line of a RECORD file: a path, its hash and its size (both empty for RECORD itself).</summary>
public sealed record RecordEntry(string Path, RecordHash? Hash, long? Size);
