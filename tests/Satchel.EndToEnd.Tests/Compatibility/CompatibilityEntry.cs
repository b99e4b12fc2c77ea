namespace Satchel.EndToEnd.Tests.Compatibility;

/// <summary>
/// One entry of a real distribution, run as a pip venv runs it and as a Satchel app built from
/// the same requirements. <paramref name="Entry"/> is `-c NAME` or `-m MODULE`.
/// </summary>
/// <param name="Set">The requirements both the venv and the app are made from (one venv per set).</param>
/// <param name="What">What the entry shows about Satchel (a CLI, a data script, a .pth, package data…).</param>
public sealed record CompatibilityEntry(string Set, string Option, string Name, string[] Args, string What, string? Stdin = null, (string Key, string Value)[]? Env = null)
{
    public string Id => $"{Set}: {Option} {Name} {string.Join(' ', Args)}".TrimEnd();

    public bool IsModule => Option == "-m";
}
