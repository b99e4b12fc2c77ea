using System.Globalization;
using Satchel.Build.Reproducibility;

namespace Satchel.Build.Resolution;

/// <summary>
/// The environment every Python and pip child runs with. A build must not depend on whoever runs
/// it: pip's configuration files and PIP_* variables (a PIP_FIND_LINKS or PIP_INDEX_URL would
/// silently change what is resolved), PYTHONPATH/PYTHONHOME and the user site are all cut off.
/// Network settings (proxies) and PATH stay: they
/// describe the machine, not a preference about packages, and build back-ends may need compilers.
/// </summary>
internal static class IsolatedPythonEnvironment
{
    public static IReadOnlyDictionary<string, string> Create(HostEnvironment host, string? tempDirectory = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in host.Variables)
        {
            if (!IsUserPythonSetting(name))
            {
                environment[name] = value;
            }
        }

        environment["PIP_CONFIG_FILE"] = OperatingSystem.IsWindows() ? "nul" : "/dev/null";
        environment["PIP_NO_INPUT"] = "1";
        environment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1";
        environment["PYTHONNOUSERSITE"] = "1";
        // A build reads interpreters, it does not change them: no __pycache__ written into the build
        // interpreter's (or a bundled interpreter's) tree. Our own runs pass -B, since -E ignores
        // this variable; it reaches the children pip starts (build back-ends) without -E.
        environment["PYTHONDONTWRITEBYTECODE"] = "1";
        // pip's output is parsed and relayed as UTF-8 whatever the locale.
        environment["PYTHONUTF8"] = "1";
        environment["PYTHONIOENCODING"] = "utf-8";
        // Build back-ends pip runs for local projects and sdists stamp zip entries with
        // SOURCE_DATE_EPOCH when it is set: a fixed one makes the wheels they build
        // byte-identical from run to run (docs/reproducible.md). A fixed hash seed keeps any
        // set-ordered output of a back-end stable too.
        environment[SourceDateEpoch.Variable] = SourceDateEpoch.Resolve(host.Variables).ToString(CultureInfo.InvariantCulture);
        environment["PYTHONHASHSEED"] = "0";
        if (tempDirectory is not null)
        {
            // pip's build isolation and ephemeral wheel caches go to the temp directory; keeping them
            // inside the work directory means a killed build leaves nothing in the shared /tmp.
            environment["TMPDIR"] = tempDirectory;
            environment["TEMP"] = tempDirectory;
            environment["TMP"] = tempDirectory;
        }

        return environment;
    }

    private static bool IsUserPythonSetting(string name) =>
        name.StartsWith("PIP_", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("PYTHON", StringComparison.OrdinalIgnoreCase)
        || name is "VIRTUAL_ENV" or "CONDA_PREFIX" or "__PYVENV_LAUNCHER__";
}
