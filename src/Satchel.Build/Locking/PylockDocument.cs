namespace Satchel.Build.Locking;

/// <summary>A PEP 751 lock as satchel writes and reads it: one wheel per package, for one interpreter.</summary>
public sealed record PylockDocument(string LockVersion, string? RequiresPython, string CreatedBy, IReadOnlyList<LockedPackage> Packages)
{
    public const string CurrentLockVersion = "1.0";

    /// <summary>PEP 751 `created-by`: the tool that wrote the lock.</summary>
    public const string Creator = "satchel";
}
