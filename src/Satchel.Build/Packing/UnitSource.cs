using Satchel.Runtime.Format;

namespace Satchel.Build.Packing;

/// <summary>A unit to be packed: its kind, a display name, and its entries in strict path order.</summary>
public sealed record UnitSource(UnitKind Kind, string Name, IReadOnlyList<SourceEntry> Entries);
