using Satchel.Build.Wheels;

namespace Satchel.Build.Resolution;

/// <summary>
/// One distribution of the resolved set, with its wheel in the result's wheel directory.
/// <see cref="Built"/> is true when pip built the wheel (a local project, an sdist, a checkout);
/// the SHA-256 is then that of the built file, which is not in the report.
/// </summary>
public sealed record ResolvedDistribution(
    string Name,
    string Version,
    string WheelPath,
    string Sha256,
    bool Requested,
    bool Built,
    DistributionOrigin Origin)
{
    public string NormalizedName => ProjectName.Normalize(Name);
}
