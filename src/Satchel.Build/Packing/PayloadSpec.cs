using Satchel.Runtime.Format;

namespace Satchel.Build.Packing;

/// <summary>
/// What the header says beyond the units: the app's name, extraction mode, launch and temp-mode
/// grace period, and the build's provenance (header field 8) when the caller records it.
/// </summary>
public sealed record PayloadSpec(string Name, ExtractMode ExtractMode, LaunchSpec Launch, int GraceMilliseconds = PayloadHeader.DefaultGraceMilliseconds, BuildProvenance? Provenance = null);
