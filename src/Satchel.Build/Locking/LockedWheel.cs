namespace Satchel.Build.Locking;

/// <summary>
/// A locked wheel (PEP 751 `[[packages.wheels]]`): its file name, where it is (a URL, or a path
/// relative to the lock file's directory), its size and SHA-256 (lower-case hex).
/// </summary>
public sealed record LockedWheel(string FileName, string? Url, string? Path, long? Size, string Sha256);
