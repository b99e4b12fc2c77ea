using Satchel.Build.Wheels;

namespace Satchel.Build.Resolution;

/// <summary>
/// A finished resolution: exactly one wheel per resolved distribution in <see cref="WheelDirectory"/>
/// (nothing else there), pip's own installation report, and the typed view of both.
/// </summary>
public sealed record ResolveResult(
    string WheelDirectory,
    string ReportPath,
    IReadOnlyList<ResolvedDistribution> Distributions,
    PipCommand Pip)
{
    public ResolvedDistribution? Find(string name) =>
        Distributions.FirstOrDefault(d => d.NormalizedName == ProjectName.Normalize(name));
}
