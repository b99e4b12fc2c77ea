namespace Satchel.Runtime.Format;

/// <summary>
/// Finds one tagged field in a header's bytes (docs/format.md, "Header"), for the optional fields
/// the warm path never reads (build provenance, launcher digest): they are decoded on demand by
/// the tools, not by <see cref="PayloadHeader.Decode"/>.
/// </summary>
public static class HeaderField
{
    /// <summary>True and the field's body when <paramref name="header"/> has a field with <paramref name="tag"/>.</summary>
    public static bool TryFind(ReadOnlySpan<byte> header, ulong tag, out ReadOnlySpan<byte> body)
    {
        var r = new ByteReader(header);
        while (!r.AtEnd)
        {
            var found = r.VarUInt();
            var field = r.Bytes(r.Count());
            if (found == tag)
            {
                body = field;
                return true;
            }
        }

        body = default;
        return false;
    }

    /// <summary>The whole tagged field (tag, length, body), ready to be appended to a header.</summary>
    public static byte[] Encode(ulong tag, ReadOnlySpan<byte> body)
    {
        var field = new ByteWriter(body.Length + 16);
        field.VarUInt(tag);
        field.VarUInt((ulong)body.Length);
        field.Bytes(body);
        return field.ToArray();
    }
}

/// <summary>
/// Every tag of the header's fields, in one place (docs/format.md, "Header"): a new field takes
/// the next free number here, so two fields can never claim one tag. The numbers are the format.
/// </summary>
public static class HeaderTags
{
    public const ulong Name = 1;
    public const ulong ExtractMode = 2;
    public const ulong Launch = 3;
    public const ulong Units = 4;
    public const ulong IndexSha256 = 5;
    public const ulong Python = 6;
    public const ulong BundledInterpreter = 7;

    /// <summary>Optional, read on demand (<see cref="BuildProvenance"/>).</summary>
    public const ulong Provenance = 8;

    /// <summary>The temp-mode grace period, written when not the default.</summary>
    public const ulong Temp = 9;

    /// <summary>Optional, read on demand (<see cref="LauncherDigest"/>).</summary>
    public const ulong LauncherDigest = 10;

    public const ulong Bytecode = 11;

    /// <summary>The interpreter sets after the Python launch's own (an app built with several --python).</summary>
    public const ulong PythonAlternatives = 12;
}
