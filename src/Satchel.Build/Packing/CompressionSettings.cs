using Satchel.Runtime.Format;

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

    /// <summary>
    /// Shipped bytecode is compressed two levels harder (11 at the default 9): `.pyc` files repeat
    /// each other's names, constants and opcode runs, which Brotli's optimal parsing (10–11) finds
    /// far better than its greedy levels, and they are a few MiB, so the slower levels cost
    /// seconds, not minutes. Measured on awscli in bench/README.md.
    /// </summary>
    public CompressionSettings For(UnitKind kind) => kind == UnitKind.Bytecode ? this with { Quality = Math.Min(11, Quality + 2) } : this;
}
