namespace Satchel.Testing;

/// <summary>
/// The environment the end-to-end tests run the CLI and built apps with: a cache root and an
/// interpreter of the test's own, and none of the machine's Satchel knobs or Python path (a
/// developer's shell may set SATCHEL_VERBOSE or SATCHEL_ROOT; the tests must not depend on it).
/// Variables a test leaves out are inherited, PYTHONDONTWRITEBYTECODE included: the suite runs with
/// whatever the machine has there, and the tests about bytecode set it themselves.
/// </summary>
public static class AppEnvironment
{
    private static readonly string[] Cleared =
    [
        "SATCHEL_VERBOSE", "SATCHEL_TOOLS", "SATCHEL_VERIFY", "SATCHEL_EXTRACT", "SATCHEL_INTERPRETER",
        "SATCHEL_IN_USE_LOCKS", "SATCHEL_RESOLVE_JOBS", "PYTHONPATH", "PYTHONWARNINGS",
    ];

    /// <summary>SATCHEL_ROOT = <paramref name="root"/>, SATCHEL_PYTHON = <paramref name="python"/>, the knobs cleared, then <paramref name="extra"/> (null removes).</summary>
    public static Dictionary<string, string?> For(string root, string python, params IEnumerable<(string Key, string? Value)> extra)
    {
        var env = new Dictionary<string, string?> { ["SATCHEL_ROOT"] = root, ["SATCHEL_PYTHON"] = python };
        foreach (var key in Cleared)
        {
            env[key] = null;
        }

        foreach (var (key, value) in extra)
        {
            env[key] = value;
        }

        return env;
    }
}
