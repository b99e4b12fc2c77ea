namespace Satchel.Runtime.Hashing;

/// <summary>One SHA-256 implementation behind <see cref="Sha256Hash"/>: fed incrementally, reset by each hash.</summary>
internal interface ISha256Engine : IDisposable
{
    void AppendData(ReadOnlySpan<byte> data);

    /// <summary>Writes the hash into the first 32 bytes of <paramref name="destination"/> and starts over.</summary>
    void GetHashAndReset(Span<byte> destination);
}
