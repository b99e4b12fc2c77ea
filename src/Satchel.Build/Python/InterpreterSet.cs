using Satchel.Build.Resolution;
using Satchel.Build.Wheels;

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
}
