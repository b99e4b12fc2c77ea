using FsCheck;
using FsCheck.Fluent;

namespace Satchel.Build.Tests.Hostile;

/// <summary>Random bit flips for the fault properties: one to three bits, anywhere in a byte range.</summary>
public static class BitFlips
{
    /// <summary>
    /// One to three flipped bits, each at a position below <paramref name="length"/>, all distinct:
    /// the same bit flipped twice is no flip, and a case whose flips cancel out is undamaged
    /// (CI once drew two flips of one launcher bit, which left a single flip in the prefix and
    /// an "undamaged" file the property expected to be refused).
    /// </summary>
    public static Gen<(int Position, int Bit)[]> In(int length) =>
        Gen.Choose(1, 3).SelectMany(count => Gen.ArrayOf(Gen.Choose(0, length - 1).SelectMany(p => Gen.Choose(0, 7).Select(b => (p, b))), count))
            .Select(flips => flips.Distinct().ToArray());

    /// <summary>A copy of <paramref name="bytes"/> with <paramref name="flips"/> applied.</summary>
    public static byte[] Apply(byte[] bytes, (int Position, int Bit)[] flips)
    {
        var copy = (byte[])bytes.Clone();
        foreach (var (position, bit) in flips)
        {
            copy[position] ^= (byte)(1 << bit);
        }

        return copy;
    }
}
