using Satchel.Runtime.Configuration;
namespace Satchel.Runtime.Removal;

/// <summary>What the user can do about the paths a removal left, chosen from the errors they got.</summary>
internal static class RemovalHint
{
    public static string For(IReadOnlyCollection<RemovalFailure> failures)
    {
        var hints = new List<string>();
        if (Any(failures, f => f.Error.Source == OsErrorSource.Win32 && TransientErrors.WhenDeleting(f.Error)))
        {
            hints.Add("a virus scanner, an indexer or a process still running from that folder holds these files: exclude the folder from real-time scanning and stop such processes");
        }

        if (Any(failures, f => f.Error.Source == OsErrorSource.Errno && f.Error.Kind == OsErrorKind.Busy))
        {
            hints.Add("a file system is mounted there or a process keeps it busy: unmount it (see `findmnt`) or stop that process");
        }

        if (Any(failures, f => f.Error.Source == OsErrorSource.Errno && f.Error.Kind == OsErrorKind.AccessDenied))
        {
            hints.Add("check ownership, permissions and immutable flags (`lsattr`, `chattr -i`)");
        }

        if (Any(failures, f => TransientErrors.WhenDeleting(f.Error)))
        {
            hints.Add($"or allow more time with {SatchelVariables.DeleteTimeout}=SECONDS");
        }

        hints.Add("then delete what is left by hand");
        return string.Join("; ", hints);
    }

    private static bool Any(IReadOnlyCollection<RemovalFailure> failures, Func<RemovalFailure, bool> test)
    {
        foreach (var failure in failures)
        {
            if (test(failure))
            {
                return true;
            }
        }

        return false;
    }
}
