namespace Satchel.Runtime.Removal;

/// <summary>Which numbering an <see cref="OsError"/> code follows.</summary>
public enum OsErrorSource
{
    /// <summary>A Unix errno (Linux or macOS numbering).</summary>
    Errno,

    /// <summary>A Windows system error code (GetLastError).</summary>
    Win32,
}
