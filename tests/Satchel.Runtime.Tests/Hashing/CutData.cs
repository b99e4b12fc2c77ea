using FsCheck;
using FsCheck.Fluent;

namespace Satchel.Runtime.Tests.Hashing;

/// <summary>Random bytes and the cuts at which a hash test appends them piece by piece.</summary>
internal sealed record CutData(byte[] Data, IReadOnlyList<int> Cuts)
{
    public static Arbitrary<CutData> Arbitrary(Gen<int> lengths, int maxCut) =>
        (from length in lengths
         from seed in Gen.Choose(0, int.MaxValue)
         from cuts in Gen.Choose(1, maxCut).ListOf()
         select new CutData(Bytes(length, seed), [.. cuts])).ToArbitrary();

    /// <summary>Hands the data to <paramref name="append"/> in pieces cut where <see cref="Cuts"/> says, then the rest.</summary>
    public void Feed(Action<byte[], int, int> append)
    {
        var at = 0;
        foreach (var cut in Cuts)
        {
            var n = Math.Min(cut, Data.Length - at);
            append(Data, at, n);
            at += n;
        }

        append(Data, at, Data.Length - at);
    }

    private static byte[] Bytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
