using Satchel.Runtime.Format;

namespace Satchel.Testing.Payloads;

/// <summary>
/// One unit of a crafted payload. The key defaults to the one its entries give (so the payload
/// passes the cold path's key check and reaches the validator); a test may set another.
/// </summary>
public sealed record CraftedUnit(IReadOnlyList<IndexEntry> Entries, IReadOnlyList<CraftedBlock> Blocks, byte[]? Key = null)
{
    public byte[] EffectiveKey => Key ?? UnitKey.Compute(Entries);
}
