using Satchel.Runtime.Format;

namespace Satchel.Build.Packing;

/// <summary>The inputs of `satchel pack`: a directory, the file in it to run, where to write the app, and what to leave out (`--exclude`, gitignore-style).</summary>
public sealed record PackRequest(
    string SourceDirectory,
    string Entry,
    string Output,
    string? Name = null,
    string? Launcher = null,
    CompressionSettings? Compression = null,
    ExtractMode ExtractMode = ExtractMode.Cache,
    IReadOnlyList<string>? InjectArgs = null,
    IReadOnlyList<KeyValuePair<string, string>>? InjectEnv = null,
    int GraceMilliseconds = PayloadHeader.DefaultGraceMilliseconds,
    IReadOnlyList<string>? Excludes = null);
