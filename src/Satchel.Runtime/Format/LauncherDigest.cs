using Satchel.Runtime.Hashing;

namespace Satchel.Runtime.Format;

/// <summary>
/// Header field 10: the SHA-256 of the launcher, the file's bytes before the payload. Through the
/// app id it ties the native code that runs to the rest of the integrity chain, so `satchel verify`
/// notices a launcher changed after the build (the payload's own hashes cannot: it starts after
/// it). The launcher does not check itself at start: hashing 2 MB would cost more than the launch.
/// </summary>
public static class LauncherDigest
{
    public static byte[] EncodeField(ReadOnlySpan<byte> sha256) => HeaderField.Encode(HeaderTags.LauncherDigest, sha256);

    /// <summary>The recorded digest; null for a header written without it. A field that is not 32 bytes throws <see cref="FormatViolationException"/>.</summary>
    public static byte[]? FromHeader(ReadOnlySpan<byte> header)
    {
        if (!HeaderField.TryFind(header, HeaderTags.LauncherDigest, out var body))
        {
            return null;
        }

        return body.Length == 32 ? body.ToArray() : throw new FormatViolationException($"the launcher digest field has {body.Length} bytes (expected 32)");
    }

    /// <summary>The SHA-256 of an opened app file's launcher bytes as they are now.</summary>
    public static byte[] Compute(AppFile app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var hash = Sha256Hash.Create();
        var buffer = new byte[1 << 16];
        for (long at = 0; at < app.PayloadStart;)
        {
            var chunk = buffer.AsSpan(0, (int)Math.Min(buffer.Length, app.PayloadStart - at));
            AppFile.ReadExactly(app.Handle, chunk, at, app.Path);
            hash.AppendData(chunk);
            at += chunk.Length;
        }

        return hash.GetHashAndReset();
    }
}
