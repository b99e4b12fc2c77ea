namespace Satchel.Build.Packing;

/// <summary>
/// How unit data is cut and compressed. Blocks are solid (many small files share one Brotli
/// stream, which is what makes Python trees compress well) and independent (so they decompress
/// in parallel and memory stays bounded). The window matches the block size: a larger one would
/// only cost the decoder memory.
/// </summary>
public sealed record CompressionSettings(int BlockSize, int Quality, int Window)
{
    public static CompressionSettings Default { get; } = new(4 << 20, 9, 22);

    public static CompressionSettings ForLevel(int quality) => Default with { Quality = Math.Clamp(quality, 0, 11) };
}
