using Satchel.Runtime.Format;

namespace Satchel.Build.Packing;

/// <summary>
/// What the header says beyond the units: the app's name, extraction mode, launch and temp-mode
/// grace period, the build's provenance (header field 8) when the caller records it, the shipped
/// bytecode units (field 11), and the
/// launcher's SHA-256 (field 10), set by <see cref="AppFileWriter"/> from the bytes it wrote.
/// </summary>
public sealed record PayloadSpec(
    string Name,
    ExtractMode ExtractMode,
    LaunchSpec Launch,
    int GraceMilliseconds = PayloadHeader.DefaultGraceMilliseconds,
    BuildProvenance? Provenance = null,
    byte[]? LauncherSha256 = null,
    IReadOnlyList<BytecodeUnit>? Bytecode = null);
