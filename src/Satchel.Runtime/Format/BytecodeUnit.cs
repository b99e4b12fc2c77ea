namespace Satchel.Runtime.Format;

/// <summary>
/// One unit of shipped bytecode (header tag 11, docs/format.md): the `.pyc` files compiled from
/// the `.py` files of one other unit (<paramref name="Target"/>) by one interpreter, whose
/// <c>sys.implementation.cache_tag</c> names them (<paramref name="CacheTag"/>, e.g.
/// "cpython-311"). Its entries are paths inside the target's tree
/// (<c>pkg/__pycache__/mod.cpython-311.pyc</c>); it is installed into that tree, so Python finds
/// it where it looks, while the target's own key stays independent of the interpreters an app was
/// built for and wheel units stay shared between apps.
/// </summary>
/// <param name="Unit">Index of this unit (kind <see cref="UnitKind.Bytecode"/>) in the header's unit list.</param>
/// <param name="Target">Index of the unit whose sources it was compiled from (any kind but bytecode).</param>
/// <param name="CacheTag">The compiling interpreter's sys.implementation.cache_tag.</param>
public sealed record BytecodeUnit(int Unit, int Target, string CacheTag)
{
    /// <summary>Longer tags than this are a damaged header (real ones are about a dozen characters).</summary>
    public const int MaxCacheTagLength = 64;

    /// <summary>What a cache tag may hold: it becomes part of file names.</summary>
    private static readonly System.Buffers.SearchValues<char> TagCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");

    public void Encode(ByteWriter w)
    {
        w.VarUInt((ulong)Unit);
        w.VarUInt((ulong)Target);
        w.Text(CacheTag);
    }

    public static List<BytecodeUnit> DecodeList(ReadOnlySpan<byte> field)
    {
        var f = new ByteReader(field);
        var count = f.Count();
        var list = new List<BytecodeUnit>(Math.Min(count, FormatLimits.MaxUnits));
        for (var i = 0; i < count; i++)
        {
            list.Add(new BytecodeUnit((int)Math.Min(f.VarUInt(), int.MaxValue), (int)Math.Min(f.VarUInt(), int.MaxValue), f.Text()));
        }

        if (!f.AtEnd)
        {
            throw new FormatViolationException("the bytecode field has trailing bytes");
        }

        return list;
    }

    /// <summary>
    /// Each bytecode unit is described exactly once, names a unit of kind bytecode and a target
    /// that is not one, and a cache tag that can be part of a file name.
    /// </summary>
    /// <summary>The record of bytecode unit <paramref name="unit"/>; <see cref="Check"/> made sure there is exactly one.</summary>
    public static BytecodeUnit Of(IReadOnlyList<BytecodeUnit> list, int unit)
    {
        foreach (var item in list)
        {
            if (item.Unit == unit)
            {
                return item;
            }
        }

        throw new InvalidOperationException("bytecode unit not described in the header");
    }

    public static void Check(IReadOnlyList<BytecodeUnit> list, IReadOnlyList<UnitDescriptor> units)
    {
        var described = new bool[units.Count];
        foreach (var item in list)
        {
            if (item.Unit >= units.Count || units[item.Unit].Kind != UnitKind.Bytecode || described[item.Unit])
            {
                throw new FormatViolationException("the bytecode field names a unit that is not a bytecode unit, or one twice");
            }

            if (item.Target >= units.Count || units[item.Target].Kind == UnitKind.Bytecode)
            {
                throw new FormatViolationException("the bytecode field compiles a unit that does not exist or is bytecode itself");
            }

            if (item.CacheTag.Length is 0 or > MaxCacheTagLength || item.CacheTag.AsSpan().ContainsAnyExcept(TagCharacters))
            {
                throw new FormatViolationException($"the bytecode field has an invalid cache tag '{EntryPathRules.Printable(item.CacheTag)}'");
            }

            described[item.Unit] = true;
        }

        for (var i = 0; i < units.Count; i++)
        {
            if (units[i].Kind == UnitKind.Bytecode && !described[i])
            {
                throw new FormatViolationException($"bytecode unit '{units[i].Name}' is not described by the bytecode field");
            }
        }
    }
}
