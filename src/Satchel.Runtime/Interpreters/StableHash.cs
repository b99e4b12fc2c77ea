using System.Globalization;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// 64-bit FNV-1a over a string's UTF-16 code units, as 16 hex digits: a file name for cache
/// entries that must not change between runs (string.GetHashCode does). Not SHA-256: in the
/// NativeAOT launcher the first SHA-256 call loads OpenSSL, measured at 12-35 ms, which is more
/// than a whole warm start. Every file named this way repeats the full key inside, so a
/// collision is a cache miss, never a wrong answer.
/// </summary>
internal static class StableHash
{
    public static string Hex(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * 1099511628211UL;
            hash = (hash ^ (byte)(c >> 8)) * 1099511628211UL;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }
}
