using System.Text;

namespace Satchel.Runtime.Format;

/// <summary>
/// Equality of paths as a case-insensitive file system would see them: equal when every code
/// point is equal after lower-casing and then upper-casing it (invariant simple case mapping).
/// Lower-casing first folds letters whose upper case is not their canonical one (Kelvin sign,
/// Ohm sign, Angstrom sign), which upper-casing alone leaves apart from k, omega and a-ring.
/// Same answer as comparing <c>s.ToLowerInvariant().ToUpperInvariant()</c>, without allocating
/// two strings per entry of every index read.
/// </summary>
internal sealed class CaseFoldedComparer : IEqualityComparer<string>
{
    public static CaseFoldedComparer Instance { get; } = new();

    public bool Equals(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        // .NET's case mappings never change a string's UTF-16 length.
        if (x is null || y is null || x.Length != y.Length)
        {
            return false;
        }

        for (int i = 0, j = 0; i < x.Length && j < y.Length;)
        {
            if (Fold(x, ref i) != Fold(y, ref j))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(string obj)
    {
        var hash = default(HashCode);
        for (var i = 0; i < obj.Length;)
        {
            hash.Add(Fold(obj, ref i));
        }

        return hash.ToHashCode();
    }

    /// <summary>The folded code point at <paramref name="at"/>, which moves past it.</summary>
    private static int Fold(string text, ref int at)
    {
        var c = text[at];
        if (char.IsAscii(c))
        {
            at++;
            return char.ToUpperInvariant(c);
        }

        if (Rune.DecodeFromUtf16(text.AsSpan(at), out var rune, out var used) != System.Buffers.OperationStatus.Done)
        {
            // A lone surrogate (index strings are validated UTF-8, so only from other callers): itself.
            at++;
            return c;
        }

        at += used;
        return Rune.ToUpperInvariant(Rune.ToLowerInvariant(rune)).Value;
    }
}
