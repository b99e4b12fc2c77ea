using Satchel.Runtime.Cache;
using Satchel.Runtime.Interpreters;

namespace Satchel.Runtime.Python;

/// <summary>The interpreter an app runs with: its real path and full version (e.g. "3.11.7").</summary>
public sealed record PythonInterpreter(string RealPath, string Version)
{
    /// <summary>"3.11" for "3.11.7" (also for "3.13.0rc1").</summary>
    public string MajorMinor => PythonVersion.MajorMinorOf(Version);

    /// <summary>
    /// CPython's sys.implementation.cache_tag for this version ("cpython-311"): the name of its
    /// bytecode files, and what shipped bytecode is matched by. Another implementation of the same
    /// version would match too and simply not read those files.
    /// </summary>
    public string CacheTag => string.Concat("cpython-", MajorMinor.Replace(".", string.Empty, StringComparison.Ordinal));

    /// <summary>
    /// A short, stable name for this interpreter in cache paths. FNV-1a rather than SHA-256: it is
    /// computed on the warm path, where loading a crypto library would cost more than the launch.
    /// </summary>
    public string Key => StableHash.Hex(RealPath + "\n" + Version);
}
