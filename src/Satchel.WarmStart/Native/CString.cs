namespace Satchel.WarmStart.Native;

/// <summary>
/// NUL-terminated byte strings, the stub's only text. Memory comes from malloc and is never
/// freed: the process lives until its execve, a few dozen small allocations.
/// </summary>
internal static unsafe class CString
{
    /// <summary>An ASCII literal as a C string.</summary>
    public static byte* From(string literal)
    {
        var length = literal.Length;
        var result = (byte*)LibC.malloc(length + 1);
        fixed (char* chars = literal)
        {
            for (var i = 0; i < length; i++)
            {
                result[i] = (byte)chars[i];
            }
        }

        result[length] = 0;
        return result;
    }

    public static int Length(byte* s)
    {
        var n = 0;
        while (s[n] != 0)
        {
            n++;
        }

        return n;
    }

    public static bool Equal(byte* a, byte* b)
    {
        var i = 0;
        while (a[i] == b[i])
        {
            if (a[i] == 0)
            {
                return true;
            }

            i++;
        }

        return false;
    }

    public static bool StartsWith(byte* s, byte* prefix)
    {
        for (var i = 0; prefix[i] != 0; i++)
        {
            if (s[i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    public static bool Contains(byte* s, byte c)
    {
        for (var i = 0; s[i] != 0; i++)
        {
            if (s[i] == c)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>a + b + c as a new string (any may be null: empty).</summary>
    public static byte* Concat(byte* a, byte* b, byte* c = null)
    {
        var la = a == null ? 0 : Length(a);
        var lb = b == null ? 0 : Length(b);
        var lc = c == null ? 0 : Length(c);
        var result = (byte*)LibC.malloc(la + lb + lc + 1);
        Copy(result, a, la);
        Copy(result + la, b, lb);
        Copy(result + la + lb, c, lc);
        result[la + lb + lc] = 0;
        return result;
    }

    public static void Copy(byte* to, byte* from, int count)
    {
        for (var i = 0; i < count; i++)
        {
            to[i] = from[i];
        }
    }

    /// <summary>A decimal integer (optionally negative) spanning the whole string; false otherwise.</summary>
    public static bool TryParseLong(byte* s, out long value)
    {
        value = 0;
        var i = 0;
        var negative = s[0] == (byte)'-';
        if (negative)
        {
            i = 1;
        }

        if (s[i] == 0)
        {
            return false;
        }

        for (; s[i] != 0; i++)
        {
            if (s[i] < (byte)'0' || s[i] > (byte)'9' || i > 19)
            {
                return false;
            }

            value = (value * 10) + (s[i] - (byte)'0');
        }

        value = negative ? -value : value;
        return true;
    }

    /// <summary>Lower-case hex of <paramref name="count"/> bytes.</summary>
    public static byte* Hex(byte* bytes, int count)
    {
        var result = (byte*)LibC.malloc((count * 2) + 1);
        for (var i = 0; i < count; i++)
        {
            result[2 * i] = Digit(bytes[i] >> 4);
            result[(2 * i) + 1] = Digit(bytes[i] & 0xF);
        }

        result[count * 2] = 0;
        return result;
    }

    /// <summary>A number's digits in <paramref name="radix"/> (10 or 16; hex upper-case, as .NET's DOTNET_* settings are read), no leading zeros.</summary>
    public static byte* Number(ulong value, uint radix)
    {
        var result = (byte*)LibC.malloc(21);
        var end = result + 20;
        *end = 0;
        do
        {
            var digit = (int)(value % radix);
            *--end = (byte)(digit < 10 ? '0' + digit : 'A' + digit - 10);
            value /= radix;
        }
        while (value > 0);

        return end;
    }

    private static byte Digit(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
