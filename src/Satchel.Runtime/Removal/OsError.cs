using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Removal;

/// <summary>
/// One failed file-system call: its portable meaning, the OS's own number and text. Built from
/// the errno or Windows code by the factories below, so the simulation in the tests and the real
/// file systems classify errors the same way.
/// </summary>
public sealed record OsError(OsErrorKind Kind, int Code, OsErrorSource Source, string Description)
{
    public static OsError FromErrno(int errno) => new(ErrnoKind(errno), errno, OsErrorSource.Errno, LibC.StrError(errno));

    /// <summary>A Windows error; <paramref name="description"/> defaults to the system's text on Windows and a fixed English one elsewhere.</summary>
    public static OsError FromWin32(int code, string? description = null) =>
        new(Win32Kind(code), code, OsErrorSource.Win32, description ?? Win32Description(code));

    public override string ToString() => Source == OsErrorSource.Errno
        ? $"{Description} (errno {Code}{(ErrnoName(Code) is { } name ? " " + name : string.Empty)})"
        : $"{Description} (Windows error {Code})";

    private static OsErrorKind ErrnoKind(int errno)
    {
        var mac = OperatingSystem.IsMacOS();
        return errno switch
        {
            1 or 13 => OsErrorKind.AccessDenied,
            2 => OsErrorKind.NotFound,
            16 => OsErrorKind.Busy,
            17 => OsErrorKind.AlreadyExists,
            18 => OsErrorKind.CrossDevice,
            11 when !mac => OsErrorKind.TryAgain,
            35 when mac => OsErrorKind.TryAgain,
            39 when !mac => OsErrorKind.NotEmpty,
            66 when mac => OsErrorKind.NotEmpty,
            _ => OsErrorKind.Other,
        };
    }

    private static string? ErrnoName(int errno)
    {
        var mac = OperatingSystem.IsMacOS();
        return errno switch
        {
            1 => "EPERM",
            2 => "ENOENT",
            13 => "EACCES",
            16 => "EBUSY",
            17 => "EEXIST",
            18 => "EXDEV",
            20 => "ENOTDIR",
            21 => "EISDIR",
            30 => "EROFS",
            11 when !mac => "EAGAIN",
            35 when mac => "EAGAIN",
            39 when !mac => "ENOTEMPTY",
            66 when mac => "ENOTEMPTY",
            _ => null,
        };
    }

    private static OsErrorKind Win32Kind(int code) => code switch
    {
        2 or 3 => OsErrorKind.NotFound,
        5 => OsErrorKind.AccessDenied,
        17 => OsErrorKind.CrossDevice,
        32 => OsErrorKind.SharingViolation,
        33 => OsErrorKind.LockViolation,
        80 or 183 => OsErrorKind.AlreadyExists,
        145 => OsErrorKind.NotEmpty,
        170 => OsErrorKind.Busy,
        _ => OsErrorKind.Other,
    };

    private static string Win32Description(int code)
    {
        if (OperatingSystem.IsWindows())
        {
            return new System.ComponentModel.Win32Exception(code).Message;
        }

        return code switch
        {
            2 => "The system cannot find the file specified",
            3 => "The system cannot find the path specified",
            5 => "Access is denied",
            17 => "The system cannot move the file to a different disk drive",
            32 => "The process cannot access the file because it is being used by another process",
            33 => "The process cannot access the file because another process has locked a portion of the file",
            80 => "The file exists",
            145 => "The directory is not empty",
            170 => "The requested resource is in use",
            183 => "Cannot create a file when that file already exists",
            _ => $"Windows error {code}",
        };
    }
}

/// <summary>
/// What an OS error means for removing and renaming, whatever its number on the OS that gave it.
/// Whether a kind is worth a retry depends on the OS as well (see <see cref="TransientErrors"/>).
/// </summary>
public enum OsErrorKind
{
    Other,
    NotFound,
    AccessDenied,
    SharingViolation,
    LockViolation,
    NotEmpty,
    Busy,
    TryAgain,
    AlreadyExists,
    CrossDevice,
}

/// <summary>Which numbering an <see cref="OsError"/> code follows.</summary>
public enum OsErrorSource
{
    /// <summary>A Unix errno (Linux or macOS numbering).</summary>
    Errno,

    /// <summary>A Windows system error code (GetLastError).</summary>
    Win32,
}

/// <summary>A file-system call of an <see cref="IFileSystem"/> failed; carries the classified OS error.</summary>
public sealed class OsErrorException(string path, OsError error)
    : IOException($"{path}: {error}", error.Source == OsErrorSource.Errno ? error.Code : unchecked((int)0x80070000) | error.Code)
{
    public string Path { get; } = path;

    public OsError Error { get; } = error;
}
