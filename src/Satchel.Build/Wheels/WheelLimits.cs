namespace Satchel.Build.Wheels;

/// <summary>
/// Bounds checked before anything is written, so a hostile or broken wheel (a zip bomb, a
/// central directory that lies about sizes) cannot fill a disk. The defaults are far above the
/// largest real wheels (GPU builds of PyTorch unpack to a few GB).
/// </summary>
public sealed record WheelLimits
{
    public static WheelLimits Default { get; } = new();

    /// <summary>The most bytes one member may unpack to.</summary>
    public long MaxFileBytes { get; init; } = 4L << 30;

    /// <summary>The most bytes all members together may unpack to.</summary>
    public long MaxTotalBytes { get; init; } = 16L << 30;

    /// <summary>The most members an archive may hold.</summary>
    public int MaxMembers { get; init; } = 1_000_000;

    /// <summary>The largest WHEEL, METADATA, RECORD or entry_points.txt that is read into memory.</summary>
    public int MaxMetadataBytes { get; init; } = 64 << 20;
}
