namespace Satchel.Runtime.Removal;

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
