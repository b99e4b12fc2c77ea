using System.Security.Cryptography;
using System.Text;

namespace Satchel.Build.Caching;

/// <summary>
/// A build cache key: the SHA-256 of a domain and the parts that decide an entry's bytes, each
/// length-prefixed so that no two different part lists hash alike ("ab","c" vs "a","bc").
/// </summary>
public static class BuildCacheKey
{
    /// <summary>
    /// Changes whenever what the build cache stores changes meaning (layout of an entry, the way a
    /// key is made): old entries are then simply never found again, and prune removes them.
    /// </summary>
    public const string Generation = "satchel-build-cache-v1";

    public static string Of(string domain, params IEnumerable<string> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, Generation);
        Append(hash, domain);
        foreach (var part in parts)
        {
            Append(hash, part);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string part)
    {
        var bytes = Encoding.UTF8.GetBytes(part);
        Span<byte> length = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
