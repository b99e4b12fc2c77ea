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

    /// <summary>
    /// `-c NAME` of a console or GUI script, or of a wheel data script with a "#!python" line: the
    /// Python script the venv's bin/NAME holds, run as `VENV/bin/python bin/NAME`, as a venv runs it.
    /// The entry is NAME, one path component.
    /// </summary>
    VenvScript = 4,

    /// <summary>
    /// `-c NAME` of a wheel data script with another interpreter line (shell, perl) or none: the
    /// venv's bin/NAME executed as it is, with the venv's bin/ first on PATH. The entry is NAME.
    /// </summary>
    VenvExecutable = 5,
}
