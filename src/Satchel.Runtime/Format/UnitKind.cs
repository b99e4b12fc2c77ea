namespace Satchel.Runtime.Format;

/// <summary>What a cache unit holds. The numbers are part of the format.</summary>
public enum UnitKind : byte
{
    /// <summary>The app's own files (a packed directory, or a Python app's code).</summary>
    App = 1,

    /// <summary>One installed wheel.</summary>
    Wheel = 2,

    /// <summary>A bundled Python interpreter.</summary>
    Interpreter = 3,

    /// <summary>Bytecode compiled from another unit's sources by one interpreter (<see cref="BytecodeUnit"/>).</summary>
    Bytecode = 4,
}

/// <summary>
/// The directories inside a unit's files that the build writes and the launcher reads (the venv
/// assembly, the tools): a contract between the two projects, so it lives here, with the format.
/// See docs/wheels.md for the wheel unit's tree.
/// </summary>
public static class UnitLayout
{
    /// <summary>A wheel unit's importable files (purelib and platlib alike); on sys.path.</summary>
    public const string SitePackages = "site-packages";

    /// <summary>A wheel unit's `.data/scripts`, beside its site-packages; written into the venv's bin/.</summary>
    public const string Scripts = "scripts";

    /// <summary>A wheel unit's `.data/data`.</summary>
    public const string Data = "data";

    /// <summary>A wheel unit's `.data/headers`.</summary>
    public const string Headers = "headers";

    /// <summary>Where `--sources` directories are merged inside a Python app's own unit; first on sys.path.</summary>
    public const string AppSources = "site";
}
