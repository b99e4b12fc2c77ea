using Satchel.Runtime.Format;
using Satchel.Runtime.Platforms;

namespace Satchel.Build.Packing;

/// <summary>The inputs of `satchel pack`: a directory, the file in it to run, where to write the app, what to leave out (`--exclude`, gitignore-style) and the platform it runs on (null: this machine's).</summary>
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
    IReadOnlyList<string>? Excludes = null,
    TargetPlatform? Platform = null);
