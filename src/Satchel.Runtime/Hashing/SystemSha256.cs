using System.Security.Cryptography;

namespace Satchel.Runtime.Hashing;

/// <summary>The BCL's SHA-256, for macOS and Windows, where its libraries are part of the OS.</summary>
internal sealed class SystemSha256 : ISha256Engine
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public void AppendData(ReadOnlySpan<byte> data) => _hash.AppendData(data);

    public void GetHashAndReset(Span<byte> destination) => _hash.GetHashAndReset(destination);

    public void Dispose() => _hash.Dispose();
}
