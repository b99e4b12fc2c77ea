namespace Satchel.EndToEnd.Tests.Compatibility;

/// <summary>
/// One entry of a real distribution, run as a pip venv runs it and as a Satchel app built from
/// the same requirements. <paramref name="Entry"/> is `-c NAME` or `-m MODULE`.
/// </summary>
/// <param name="Set">The requirements both the venv and the app are made from (one venv per set).</param>
/// <param name="What">What the entry shows about Satchel (a CLI, a data script, a .pth, package data…).</param>
/// <param name="Writes">A file the entry writes in its working directory: removed before each run, and its content after the run compared too.</param>
/// <param name="Difference">A reviewed difference Satchel has by construction, which the comparison allows (and requires to still be there).</param>
/// <param name="LinesInAnyOrder">
/// Stdout is compared as a sorted list of lines: the program prints them in an order that changes
/// with the process's memory layout (e.g. a set of classes, ordered by id()), from one venv run to
/// the next as much as between a venv and an app: the venv's own nondeterminism, not a difference.
/// </param>
public sealed record CompatibilityEntry(string Set, string Option, string Name, string[] Args, string What, string? Stdin = null, (string Key, string Value)[]? Env = null,
    string? Writes = null, ExplainedDifference? Difference = null, bool LinesInAnyOrder = false)
{
    public string Id => $"{Set}: {Option} {Name} {string.Join(' ', Args)}".TrimEnd();

    public bool IsModule => Option == "-m";
}
