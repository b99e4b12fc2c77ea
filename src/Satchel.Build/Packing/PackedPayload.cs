using Satchel.Runtime.Format;

namespace Satchel.Build.Packing;

/// <summary>What was written: the header and index, the app id, and the compressed size of each unit.</summary>
public sealed record PackedPayload(PayloadHeader Header, PayloadIndex Index, byte[] AppId, IReadOnlyList<long> CompressedUnitSizes, long PayloadLength);
