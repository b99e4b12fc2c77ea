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
