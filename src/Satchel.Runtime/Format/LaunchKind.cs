namespace Satchel.Runtime.Format;

/// <summary>How the launcher starts the app. The numbers are part of the format.</summary>
public enum LaunchKind : byte
{
    /// <summary>Execute a file of the app unit directly (`satchel pack`).</summary>
    Exec = 1,

    /// <summary>Run a Python entry in a virtual environment assembled in the cache (`satchel build`).</summary>
    Python = 2,
}
