using System.Globalization;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// <see cref="InterpreterFacts"/> as <see cref="KeyValueRecordFile"/> entries, shared by facts files and
/// choice files. Keys: path, size, mtime (ns since 1970-01-01 UTC), implementation,
/// version (PEP 440), abiflags, machine, executable, prefix, base_prefix, venv, stdlib,
/// has_venv, has_ensurepip (booleans as 0 or 1).
/// </summary>
internal static class FactsRecord
{
    public static IEnumerable<KeyValuePair<string, string>> Entries(InterpreterFacts facts) =>
    [
        new("path", facts.Path),
        new("size", facts.Stamp.Size.ToString(CultureInfo.InvariantCulture)),
        new("mtime", facts.Stamp.MtimeNanoseconds.ToString(CultureInfo.InvariantCulture)),
        new("implementation", facts.Implementation),
        new("version", facts.Version.ToString()),
        new("abiflags", facts.AbiFlags),
        new("machine", facts.Machine),
        new("executable", facts.Executable),
        new("prefix", facts.Prefix),
        new("base_prefix", facts.BasePrefix),
        new("venv", facts.IsVenv ? "1" : "0"),
        new("stdlib", facts.StdlibDir),
        new("has_venv", facts.HasVenv ? "1" : "0"),
        new("has_ensurepip", facts.HasEnsurepip ? "1" : "0"),
    ];

    /// <summary>The facts in <paramref name="entries"/>; null if any key is missing or malformed.</summary>
    public static InterpreterFacts? From(IReadOnlyDictionary<string, string> entries)
    {
        string? Get(string key) => entries.TryGetValue(key, out var value) ? value : null;
        bool? Flag(string key) => Get(key) switch { "1" => true, "0" => false, _ => null };

        return Get("path") is { Length: > 0 } path
            && long.TryParse(Get("size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            && long.TryParse(Get("mtime"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var mtime)
            && Get("implementation") is { Length: > 0 } implementation
            && Get("version") is { } versionText && PythonVersion.TryParse(versionText, out var version, out _)
            && Get("abiflags") is { } abiFlags
            && Get("machine") is { } machine
            && Get("executable") is { } executable
            && Get("prefix") is { } prefix
            && Get("base_prefix") is { } basePrefix
            && Flag("venv") is { } venv
            && Get("stdlib") is { } stdlib
            && Flag("has_venv") is { } hasVenv
            && Flag("has_ensurepip") is { } hasEnsurepip
            ? new InterpreterFacts(path, new BinaryStamp(size, mtime), implementation, version, abiFlags, machine, executable,
                prefix, basePrefix, venv, stdlib, hasVenv, hasEnsurepip)
            : null;
    }
}
