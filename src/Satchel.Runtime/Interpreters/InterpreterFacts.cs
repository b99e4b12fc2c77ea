namespace Satchel.Runtime.Interpreters;

/// <summary>
/// What one run of an interpreter told about itself (see <see cref="InterpreterProbe"/>), keyed
/// by its real path and the <see cref="BinaryStamp"/> it had when asked.
/// </summary>
/// <param name="Path">The interpreter's real path: what the launcher executes.</param>
/// <param name="Stamp">Size and mtime of <paramref name="Path"/> when it was probed.</param>
/// <param name="Implementation">sys.implementation.name: "cpython", "pypy", ...</param>
/// <param name="Version">From sys.version_info, e.g. 3.13.0rc1.</param>
/// <param name="AbiFlags">sys.abiflags ("" for a default 3.8+ build, "t" free-threaded, "m" before 3.8).</param>
/// <param name="Machine">os.uname().machine: "x86_64", "aarch64", "arm64".</param>
/// <param name="Executable">sys.executable as the interpreter reported it.</param>
/// <param name="Prefix">sys.prefix as it would be with site enabled (the venv for a venv's copy of python).</param>
/// <param name="BasePrefix">sys.base_prefix: the installation a venv was made from.</param>
/// <param name="IsVenv">Whether the binary belongs to a virtual environment (a pyvenv.cfg beside it or one level up).</param>
/// <param name="StdlibDir">The directory holding the standard library (that of os.py).</param>
/// <param name="HasVenv">Whether the venv module exists in the standard library.</param>
/// <param name="HasEnsurepip">Whether ensurepip exists (Debian ships it separately, in python3.X-venv).</param>
public sealed record InterpreterFacts(
    string Path,
    BinaryStamp Stamp,
    string Implementation,
    PythonVersion Version,
    string AbiFlags,
    string Machine,
    string Executable,
    string Prefix,
    string BasePrefix,
    bool IsVenv,
    string StdlibDir,
    bool HasVenv,
    bool HasEnsurepip)
{
    public const string CPython = "cpython";

    public string MajorMinor => $"{Version.Major}.{Version.Minor}";

    public bool IsCPython => Implementation == CPython;

    /// <summary>"CPython 3.12.1 (x86_64)"; with the ABI flags when there are some.</summary>
    public string Describe() =>
        $"{(IsCPython ? "CPython" : Implementation)} {Version}{(AbiFlags.Length > 0 ? $" (abiflags {AbiFlags})" : string.Empty)} {Machine}";
}
