using Satchel.Runtime.Format;

namespace Satchel.Build.Packing;

/// <summary>
/// Where the packer finds units it compressed before and keeps the new ones: the build cache's
/// Caching/CompressedUnitCache. Packing names what it needs and Caching provides it, so the cache
/// (which lists kept trees with Packing's scanner) and the packer do not use each other.
/// </summary>
public interface ICompressedUnitStore
{
    /// <summary>The unit's blocks as compressed before with these settings, or null.</summary>
    IStoredUnit? Find(UnitSource unit, CompressionSettings settings);

    /// <summary>Keeps a unit just written: its index (offsets in the payload) and its blocks in order.</summary>
    void Store(UnitSource unit, CompressionSettings settings, UnitIndex index, IReadOnlyList<byte[]> compressed);
}

/// <summary>A unit found in an <see cref="ICompressedUnitStore"/>.</summary>
public interface IStoredUnit
{
    /// <summary>Copies the unit's blocks to <paramref name="output"/>, each checked against its hash, and returns its index there.</summary>
    UnitIndex CopyTo(Stream output, long payloadStart);
}
