using System.Buffers;
using System.Security.Cryptography;

namespace Satchel.Build.Wheels;

/// <summary>
/// Copies a member's bytes while hashing them, reading at most one byte more than the size it is
/// supposed to have: enough to tell "too long" without letting a lying archive write without end.
/// </summary>
public static class BoundedCopy
{
    private const int BufferSize = 1 << 16;

    /// <summary>Returns the bytes read: <paramref name="limit"/> + 1 means the source holds more than the limit.</summary>
    public static long Copy(Stream source, Stream destination, long limit, params ReadOnlySpan<IncrementalHash> hashers)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            while (total <= limit)
            {
                var want = (int)Math.Min(buffer.Length, limit + 1 - total);
                var read = source.Read(buffer, 0, want);
                if (read == 0)
                {
                    break;
                }

                var chunk = buffer.AsSpan(0, read);
                foreach (var hasher in hashers)
                {
                    hasher.AppendData(chunk);
                }

                destination.Write(chunk);
                total += read;
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
