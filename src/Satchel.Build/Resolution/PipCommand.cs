using Satchel.Runtime.Interpreters;

namespace Satchel.Build.Resolution;

/// <summary>
/// How pip is run for a build: the build interpreter with its own pip (<c>-m pip</c>), or with a
/// pip wheel from the find-links (<c>pip-X.whl/pip</c>: a wheel is a zip, and Python runs a zip's
/// <c>__main__</c> from inside it). Either way it resolves for the build interpreter.
/// </summary>
public sealed record PipCommand(BuildInterpreter Interpreter, string VersionText, string? Wheel)
{
    /// <summary>The oldest pip used: 23.0 writes the stable (version "1") installation report.</summary>
    public static readonly PythonVersion Minimum = PythonVersion.Parse("23.0");

    /// <summary>The interpreter's arguments that start pip, before pip's own.</summary>
    public IReadOnlyList<string> Prefix => Wheel is null ? ["-E", "-s", "-B", "-m", "pip"] : ["-E", "-s", "-B", Path.Combine(Wheel, "pip")];

    public string Describe() => Wheel is null
        ? $"pip {VersionText} of {Interpreter.Describe()}"
        : $"pip {VersionText} from {Wheel} on {Interpreter.Describe()}";
}
