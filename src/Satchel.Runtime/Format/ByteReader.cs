using System.Buffers.Binary;
using System.Text;

namespace Satchel.Runtime.Format;

/// <summary>
/// Reads what <see cref="ByteWriter"/> wrote, checking every bound: the bytes come from a file
/// anyone may have edited, so a short or inconsistent record throws <see cref="FormatViolationException"/>
/// instead of reading past the end.
/// </summary>
public ref struct ByteReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool AtEnd => _position == _data.Length;

    public byte U8() => Take(1)[0];

    public ushort U16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint U32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong U64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public ReadOnlySpan<byte> Bytes(int count) => Take(count);

    public ulong VarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = U8();
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatViolationException("a variable-length number is too long");
    }

    /// <summary>A count that must fit in what is left, one byte per item at least.</summary>
    public int Count()
    {
        var value = VarUInt();
        if (value > (ulong)Remaining)
        {
            throw new FormatViolationException($"a count of {value} exceeds the {Remaining} bytes left");
        }

        return (int)value;
    }

    public string Text()
    {
        var bytes = Take(Count());
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new FormatViolationException("a name is not valid UTF-8");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new FormatViolationException($"a record needs {count} bytes but only {Remaining} are left");
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}
