using System.Security.Cryptography;

namespace Satchel.Runtime.Hashing;

/// <summary>
/// The SHA-256 every payload check in Satchel.Runtime goes through: the system's (OpenSSL on
/// Linux, with the CPU's SHA instructions) when <see cref="SystemCryptoLibrary"/> finds it
/// loadable, else <see cref="ManagedSha256"/>. Without this, a first run on a Linux without
/// libssl (a slim container image) ended in .NET's "No usable version of libssl was found" and
/// SIGABRT (exit 134) before a single file was written.
/// </summary>
public sealed class Sha256Hash : IDisposable
{
    public const int Length = 32;

    private readonly IncrementalHash? _system;
    private readonly ManagedSha256? _managed;

    private Sha256Hash(bool useSystem)
    {
        if (useSystem)
        {
            _system = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }
        else
        {
            _managed = new ManagedSha256();
        }
    }

    /// <summary>True when the hashes are computed by the managed fallback (for logs and tests).</summary>
    public static bool UsesManagedCode => !SystemCryptoLibrary.IsUsable;

    public static Sha256Hash Create() => new(SystemCryptoLibrary.IsUsable);

    public static byte[] HashData(ReadOnlySpan<byte> data) =>
        SystemCryptoLibrary.IsUsable ? SHA256.HashData(data) : ManagedSha256.HashData(data);

    /// <summary>The SHA-256 of the rest of <paramref name="stream"/>.</summary>
    public static byte[] HashData(Stream stream)
    {
        if (SystemCryptoLibrary.IsUsable)
        {
            return SHA256.HashData(stream);
        }

        var hash = new ManagedSha256();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hash.AppendData(buffer.AsSpan(0, read));
        }

        return hash.GetHashAndReset();
    }

    public void AppendData(ReadOnlySpan<byte> data)
    {
        if (_system is not null)
        {
            _system.AppendData(data);
        }
        else
        {
            _managed!.AppendData(data);
        }
    }

    public byte[] GetHashAndReset() => _system is not null ? _system.GetHashAndReset() : _managed!.GetHashAndReset();

    /// <summary>Writes the hash into the first 32 bytes of <paramref name="destination"/> and starts over; returns 32.</summary>
    public int GetHashAndReset(Span<byte> destination)
    {
        if (_system is not null)
        {
            return _system.GetHashAndReset(destination);
        }

        _managed!.GetHashAndReset(destination);
        return Length;
    }

    public void Dispose() => _system?.Dispose();
}
