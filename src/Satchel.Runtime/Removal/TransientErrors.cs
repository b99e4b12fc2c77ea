namespace Satchel.Runtime.Removal;

/// <summary>
/// Which failures go away by themselves and are worth a retry; everything else fails fast.
/// The answer depends on the OS that produced the error, not on the one we run on, so the
/// Windows simulation in the tests gets Windows answers on Linux.
/// </summary>
public static class TransientErrors
{
    /// <summary>
    /// Deleting. Windows: a scanner, indexer or dying process holding a file (sharing or lock
    /// violation, or access denied, which is also what a delete-pending file answers) and a
    /// directory that still lists delete-pending files. Unix: EBUSY (a mount being released),
    /// EAGAIN, and ENOTEMPTY from a writer that added an entry after the listing (the next pass
    /// lists again). EACCES/EPERM on Unix are not transient: permissions and immutable flags do
    /// not change by waiting.
    /// </summary>
    public static bool WhenDeleting(OsError error) => error.Source == OsErrorSource.Win32
        ? error.Kind is OsErrorKind.SharingViolation or OsErrorKind.LockViolation or OsErrorKind.AccessDenied or OsErrorKind.NotEmpty
        : error.Kind is OsErrorKind.Busy or OsErrorKind.TryAgain or OsErrorKind.NotEmpty;

    /// <summary>
    /// Renaming a finished work directory into place. Only Windows has transient failures here:
    /// a scanner still reading the fresh files makes MoveFileEx answer access denied or a
    /// sharing violation for a while. A rename on Unix either works or fails for good.
    /// </summary>
    public static bool WhenRenaming(OsError error) => error.Source == OsErrorSource.Win32
        && error.Kind is OsErrorKind.AccessDenied or OsErrorKind.SharingViolation or OsErrorKind.LockViolation;
}
