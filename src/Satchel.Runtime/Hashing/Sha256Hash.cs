using System.Security.Cryptography;

namespace Satchel.Runtime.Hashing;

/// <summary>
/// The SHA-256 every payload check in Satchel.Runtime goes through. On Linux: the machine's
/// libcrypto, bound by <see cref="OpenSslSha256"/>, or <see cref="ManagedSha256"/> when there is
/// none (System.Security.Cryptography would abort the process there: docs/launcher.md). On macOS
/// and Windows: the BCL's, whose libraries are part of the OS. NativeAOT folds the OS checks, so
/// a Linux launcher carries none of System.Security.Cryptography.
/// </summary>
public sealed class Sha256Hash : IDisposable
{
    public const int Length = 32;

    private readonly ISha256Engine _engine = !OperatingSystem.IsLinux() ? new SystemSha256()
        : OpenSslSha256.IsAvailable ? new OpenSslSha256()
        : new ManagedSha256();

    private Sha256Hash()
    {
    }

    /// <summary>True when the hashes are computed by the managed fallback (for logs and tests).</summary>
    public static bool UsesManagedCode => OperatingSystem.IsLinux() && !OpenSslSha256.IsAvailable;

    public static Sha256Hash Create() => new();

    public static byte[] HashData(ReadOnlySpan<byte> data)
    {
        using var hash = new Sha256Hash();
        hash.AppendData(data);
        return hash.GetHashAndReset();
    }

    /// <summary>The SHA-256 of the rest of <paramref name="stream"/>.</summary>
    public static byte[] HashData(Stream stream)
    {
        using var hash = new Sha256Hash();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hash.AppendData(buffer.AsSpan(0, read));
        }

        return hash.GetHashAndReset();
    }

    public void AppendData(ReadOnlySpan<byte> data) => _engine.AppendData(data);

    public byte[] GetHashAndReset()
    {
        var hash = new byte[Length];
        _engine.GetHashAndReset(hash);
        return hash;
    }

    /// <summary>Writes the hash into the first 32 bytes of <paramref name="destination"/> and starts over; returns 32.</summary>
    public int GetHashAndReset(Span<byte> destination)
    {
        _engine.GetHashAndReset(destination);
        return Length;
    }

    public void Dispose() => _engine.Dispose();
}

/// <summary>One SHA-256 implementation behind <see cref="Sha256Hash"/>: fed incrementally, reset by each hash.</summary>
internal interface ISha256Engine : IDisposable
{
    void AppendData(ReadOnlySpan<byte> data);

    /// <summary>Writes the hash into the first 32 bytes of <paramref name="destination"/> and starts over.</summary>
    void GetHashAndReset(Span<byte> destination);
}

/// <summary>The BCL's SHA-256, for macOS and Windows, where its libraries are part of the OS.</summary>
internal sealed class SystemSha256 : ISha256Engine
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public void AppendData(ReadOnlySpan<byte> data) => _hash.AppendData(data);

    public void GetHashAndReset(Span<byte> destination) => _hash.GetHashAndReset(destination);

    public void Dispose() => _hash.Dispose();
}
