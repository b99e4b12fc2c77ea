namespace Satchel.Build.Output;

/// <summary>A path a build reads, with the option it came from, as the user gave both (for messages).</summary>
public sealed record BuildInputPath(string Option, string Path);
