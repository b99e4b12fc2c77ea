namespace Satchel.Runtime.Removal;

/// <summary>A file-system call of an <see cref="IFileSystem"/> failed; carries the classified OS error.</summary>
public sealed class OsErrorException(string path, OsError error)
    : IOException($"{path}: {error}", error.Source == OsErrorSource.Errno ? error.Code : unchecked((int)0x80070000) | error.Code)
{
    public string Path { get; } = path;

    public OsError Error { get; } = error;
}
