namespace Satchel.Runtime.Format;

/// <summary>
/// Hard limits a reader enforces before allocating anything, so a hostile file cannot make the
/// launcher allocate or write more than a real app would need.
/// </summary>
public static class FormatLimits
{
    public const int MaxHeaderBytes = 1 << 20;
    public const long MaxIndexBytes = 256L << 20;
    public const long MaxIndexRawBytes = 1L << 30;
    public const int MaxBlockRawBytes = 64 << 20;
    public const int MaxPathBytes = 4096;
    public const int MaxUnits = 4096;
}
