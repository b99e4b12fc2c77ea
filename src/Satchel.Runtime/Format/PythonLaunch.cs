namespace Satchel.Runtime.Format;

/// <summary>
/// The Python half of a launch: which interpreters may run the app (<see cref="Requirement"/>,
/// a PEP 440 version specifier set, empty for any), what to run, and the directories of which
/// units go on sys.path, in order. <see cref="Bundled"/> is the interpreter shipped in the app,
/// if any: it is used unless SATCHEL_PYTHON names another (docs/bundled-python.md).
/// </summary>
public sealed record PythonLaunch(
    string Requirement,
    PythonEntryKind EntryKind,
    string Entry,
    IReadOnlyList<UnitPath> Paths,
    BundledInterpreter? Bundled = null);

/// <summary>A directory inside a unit's files (e.g. a wheel unit's "site-packages").</summary>
public sealed record UnitPath(int Unit, string Directory);
