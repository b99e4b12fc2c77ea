namespace Satchel.Runtime.Format;

/// <summary>
/// What to start: for <see cref="LaunchKind.Exec"/>, the file <see cref="EntryPath"/> inside unit
/// <see cref="EntryUnit"/>; for <see cref="LaunchKind.Python"/>, the entry described by
/// <see cref="Python"/> with <see cref="EntryUnit"/> as the app's own unit. In both cases
/// <see cref="InjectArgs"/> go before the user's arguments and <see cref="InjectEnv"/> is added to
/// the environment.
/// </summary>
public sealed record LaunchSpec(
    LaunchKind Kind,
    int EntryUnit,
    string EntryPath,
    IReadOnlyList<string> InjectArgs,
    IReadOnlyList<KeyValuePair<string, string>> InjectEnv,
    PythonLaunch? Python = null);
