using System.Globalization;
using System.Text;

namespace Satchel.Runtime.Cache;

/// <summary>
/// 64-bit FNV-1a over a string's UTF-8 bytes, as 16 hex digits: names for cache entries that
/// must not change between runs (string.GetHashCode does). Not SHA-256: in the NativeAOT
/// launcher the first SHA-256 call loads OpenSSL, measured at 12-35 ms, more than a whole warm
/// start. Whoever names a file this way must repeat the full key inside it (or tolerate a
/// shared name), so that a collision is a cache miss, never a wrong answer.
/// </summary>
internal static class StableHash
{
    public static string Hex(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }
}
