using Satchel.Runtime.Cache;
using Satchel.Runtime.Extraction;
using Satchel.Runtime.Format;
using Satchel.Runtime.Configuration;

namespace Satchel.Runtime.Launch;

/// <summary>
/// What to execute, computed from the header and the cache layout alone (no I/O), so it can be
/// unit-tested: the program, its argv, and the variables to add to the environment.
/// </summary>
public sealed record LaunchPlan(
    string Program,
    IReadOnlyList<string> Argv,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    IReadOnlyList<string>? Unset = null)
{
    /// <summary>Every variable to take out of the environment: <see cref="Unset"/> and the settings of this one start.</summary>
    public IReadOnlyList<string> Removed => [.. Unset ?? [], .. SatchelVariables.ForOneStart];

    /// <summary>The plan of a `satchel pack` app: execute the entry file with the injected and the user's arguments.</summary>
    public static LaunchPlan For(PayloadHeader header, CacheLayout layout, string userPath, IReadOnlyList<string> userArgs)
    {
        var launch = header.Launch;
        var appDir = layout.UnitFiles(header.Units[launch.EntryUnit].KeyHex);
        var program = UnitTreeWriter.Combine(appDir, launch.EntryPath);
        var argv = new List<string>(1 + launch.InjectArgs.Count + userArgs.Count) { program };
        argv.AddRange(launch.InjectArgs);
        argv.AddRange(userArgs);
        return new LaunchPlan(program, argv, Variables(launch, userPath, appDir));
    }

    /// <summary>The injected variables plus the two every entry gets.</summary>
    public static List<KeyValuePair<string, string>> Variables(LaunchSpec launch, string userPath, string appDir) =>
        new(launch.InjectEnv)
        {
            new(SatchelVariables.App, userPath),
            new(SatchelVariables.AppDir, appDir),
        };
}
