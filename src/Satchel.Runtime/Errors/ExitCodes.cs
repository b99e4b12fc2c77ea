namespace Satchel.Runtime.Errors;

/// <summary>
/// The exit codes Satchel itself can end with (sysexits.h values). An app's own exit status
/// passes through the launcher unchanged, so these only appear when Satchel fails.
/// </summary>
public static class ExitCodes
{
    /// <summary>Bad arguments or a bad combination of options.</summary>
    public const int Usage = 64;

    /// <summary>Input data is wrong: a corrupt or truncated app file, a bad wheel, a bad lock.</summary>
    public const int Data = 65;

    /// <summary>An input file or directory does not exist or cannot be read.</summary>
    public const int NoInput = 66;

    /// <summary>A needed service or program is missing: no matching interpreter, no pip.</summary>
    public const int Unavailable = 69;

    /// <summary>An internal error: a bug in Satchel.</summary>
    public const int Software = 70;

    /// <summary>The system refused a resource the process needs: memory (under `ulimit -v`, say).</summary>
    public const int OsError = 71;

    /// <summary>An output file or directory cannot be created (unwritable or unsafe cache, disk full).</summary>
    public const int CantCreate = 73;

    /// <summary>An I/O error while reading or writing.</summary>
    public const int IoError = 74;

    /// <summary>A temporary failure, e.g. a lock that was not released in time.</summary>
    public const int TempFail = 75;

    /// <summary>Permission denied.</summary>
    public const int NoPermission = 77;
}
