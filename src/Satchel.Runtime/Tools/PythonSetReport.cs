using Satchel.Runtime.Format;

namespace Satchel.Runtime.Tools;

/// <summary>
/// One interpreter set of a Python app, as `inspect` shows it: the requirement an interpreter must
/// meet, the sys.path of the set, and the distributions on it in order ("multiext 1.0"), so
/// resolutions that differ between the interpreters of an app built with several --python show.
/// </summary>
/// <remarks>A class, not a record or a tuple: the launcher carries it (docs/interpreters.md on launcher size).</remarks>
public sealed class PythonSetReport(string requirement, IReadOnlyList<UnitPath> paths, IReadOnlyList<string> distributions)
{
    public string Requirement { get; } = requirement;

    public IReadOnlyList<UnitPath> Paths { get; } = paths;

    public IReadOnlyList<string> Distributions { get; } = distributions;

    /// <summary>"==3.9.*: multiapp 1.0, multiext 1.0".</summary>
    public string Text => $"{Requirement}: {(Distributions.Count == 0 ? "no distributions" : string.Join(", ", Distributions))}";
}
