using Satchel.Build.Requests;
using Satchel.Build.Resolution;
using Satchel.Build.Wheels;
using Satchel.Runtime.Platforms;

namespace Satchel.Build.Python;

/// <summary>
/// One build interpreter's share of an app: what it resolved (wheel files by normalised name),
/// the names the command line asked for, and the platform its wheels are for. With several
/// `--python`, each makes one set; the header records each set's requirement and sys.path.
/// </summary>
internal sealed record InterpreterSet(BuildInterpreter Interpreter, WheelTarget? Target, List<(string NormalizedName, string Path)> WheelPaths, HashSet<string> Named)
{
    /// <summary>Indexes into the app's distinct wheels (in unit order), filled in once they are installed.</summary>
    public List<int> Wheels { get; } = [];

    /// <summary>Another platform than the build interpreter's: only wheels for it, the CPython version <paramref name="interpreter"/>'s; else null.</summary>
    public static WheelTarget? TargetFor(PythonBuildRequest request, BuildInterpreter interpreter) =>
        request.Platform is { } platform && platform != TargetPlatform.Host
            ? new WheelTarget(platform, interpreter.Version.Major, interpreter.Version.Minor)
            : null;

    /// <summary>Where set <paramref name="set"/> resolves and compiles: the staging directory for the first, python-N/ in it for the others.</summary>
    public static string WorkDirectory(string staging, int set) =>
        set == 0 ? staging : Directory.CreateDirectory(Path.Combine(staging, $"python-{set + 1}")).FullName;
}
