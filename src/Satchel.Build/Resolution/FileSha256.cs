using System.Security.Cryptography;

namespace Satchel.Build.Resolution;

/// <summary>The SHA-256 of a file as lower-case hex, the form pip's report and hash-checking use.</summary>
internal static class FileSha256
{
    public static string Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
