namespace Satchel.Runtime.Format;

/// <summary>How a Python app's entry is named. The numbers are part of the format.</summary>
public enum PythonEntryKind : byte
{
    /// <summary>`-m MODULE`: run the module as __main__.</summary>
    Module = 1,

    /// <summary>`MODULE:FUNC` (also what a console script resolves to): import and call, exit with its result.</summary>
    Callable = 2,

    /// <summary>`--script FILE`: a file inside the app unit, run as __main__.</summary>
    Script = 3,
}
