namespace Satchel.Runtime.Format;

/// <summary>
/// What to start: for <see cref="LaunchKind.Exec"/>, the file <see cref="EntryPath"/> inside unit
/// <see cref="EntryUnit"/>, with <see cref="InjectArgs"/> before the user's arguments and
/// <see cref="InjectEnv"/> added to the environment.
/// </summary>
public sealed record LaunchSpec(
    LaunchKind Kind,
    int EntryUnit,
    string EntryPath,
    IReadOnlyList<string> InjectArgs,
    IReadOnlyList<KeyValuePair<string, string>> InjectEnv);
