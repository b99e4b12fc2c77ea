using Satchel.Build.Packing;

namespace Satchel.Build.Python.Entry;

/// <summary>How a module was found: its kind decides what can be checked without running it.</summary>
internal enum ModuleKind
{
    /// <summary>A .py file (or a package's __init__.py): its top-level bindings can be read.</summary>
    Source,

    /// <summary>A compiled extension (.so, .pyd): what it defines is known only once it is loaded.</summary>
    Extension,

    /// <summary>A .pyc without source.</summary>
    Bytecode,

    /// <summary>Directories without __init__ (PEP 420): nothing runs, nothing is defined.</summary>
    Namespace,

    /// <summary>Found in the interpreter's own modules (standard library, built-in, frozen).</summary>
    Standard,
}

/// <summary>A located module: its kind, whether it is a package, the file that defines it (if any) and where its submodules are.</summary>
internal sealed record ModuleLocation(
    string Name,
    ModuleKind Kind,
    bool IsPackage,
    string Where,
    SourceEntry? File,
    IReadOnlyList<SearchRoot> SubmoduleRoots);

/// <summary>One directory on the app's sys.path, inside one unit.</summary>
internal sealed record SearchRoot(UnitView Unit, string Directory, string Description);
