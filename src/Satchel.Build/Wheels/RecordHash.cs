using System.Buffers.Text;
using System.Security.Cryptography;

namespace Satchel.Build.Wheels;

/// <summary>
/// A RECORD hash field, "algorithm=digest" with the digest in URL-safe base64 without padding
/// (PEP 376, PEP 427). Only the SHA-2 family is accepted: PEP 427 rules out md5 and sha1.
/// </summary>
public sealed record RecordHash(string Algorithm, string Digest)
{
    public const string Sha256 = "sha256";

    private static readonly Dictionary<string, HashAlgorithmName> Supported = new(StringComparer.Ordinal)
    {
        [Sha256] = HashAlgorithmName.SHA256,
        ["sha384"] = HashAlgorithmName.SHA384,
        ["sha512"] = HashAlgorithmName.SHA512,
    };

    /// <summary>Parses "sha256=…"; null with a reason when the field is not a usable hash.</summary>
    public static RecordHash? TryParse(string field, out string? problem)
    {
        var equals = field.IndexOf('=', StringComparison.Ordinal);
        var algorithm = equals > 0 ? field[..equals] : field;
        if (!Supported.ContainsKey(algorithm))
        {
            problem = $"RECORD uses hash algorithm '{algorithm}'; only sha256, sha384 and sha512 are accepted";
            return null;
        }

        // Padding is not part of the format, but its presence does not change the digest.
        var digest = field[(equals + 1)..].TrimEnd('=');
        if (digest.Length == 0 || !Base64Url.IsValid(digest))
        {
            problem = "RECORD has a hash that is not URL-safe base64";
            return null;
        }

        problem = null;
        return new RecordHash(algorithm, digest);
    }

    public static string Encode(ReadOnlySpan<byte> digest) => Base64Url.EncodeToString(digest);

    public IncrementalHash CreateHasher() => IncrementalHash.CreateHash(Supported[Algorithm]);

    /// <summary>Whether <paramref name="digest"/> (raw bytes) is the one this field records.</summary>
    public bool Matches(ReadOnlySpan<byte> digest) => string.Equals(Encode(digest), Digest, StringComparison.Ordinal);

    public override string ToString() => $"{Algorithm}={Digest}";
}
