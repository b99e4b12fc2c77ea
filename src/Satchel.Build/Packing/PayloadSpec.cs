using Satchel.Runtime.Format;

namespace Satchel.Build.Packing;

/// <summary>What the header says beyond the units: the app's name, extraction mode and launch.</summary>
public sealed record PayloadSpec(string Name, ExtractMode ExtractMode, LaunchSpec Launch);
