namespace Satchel.Runtime.Format;

/// <summary>
/// One compressed solid block of a unit's stream: where it lies (relative to the payload start),
/// how long it is compressed and raw, and the SHA-256 of its compressed bytes.
/// </summary>
public sealed record BlockRef(long Offset, int CompressedLength, int RawLength, byte[] Sha256);
