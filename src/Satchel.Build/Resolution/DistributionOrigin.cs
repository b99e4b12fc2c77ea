namespace Satchel.Build.Resolution;

/// <summary>
/// Where a resolved distribution came from. <see cref="Source"/> is the input it matches (the
/// index URL, the find-links entry, the project directory, the wheel path); <see cref="ArtifactUrl"/>
/// is the exact file or directory pip used, from the report's download_info.
/// </summary>
public sealed record DistributionOrigin(OriginKind Kind, string Source, string ArtifactUrl);
