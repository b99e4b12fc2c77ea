using Satchel.Runtime.Format;

namespace Satchel.Build.Packing;

/// <summary>A unit to be packed: its kind, a display name, and its entries in strict path order.</summary>
public sealed record UnitSource(UnitKind Kind, string Name, IReadOnlyList<SourceEntry> Entries)
{
    /// <summary>
    /// A key that stands for the entries' content without reading them, when they live in the
    /// build cache where they never change (an installed wheel, compiled bytecode); null when
    /// only reading the files can tell (<see cref="UnitIdentity"/>).
    /// </summary>
    public string? ContentKey { get; init; }
}
