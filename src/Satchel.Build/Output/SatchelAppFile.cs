using Satchel.Runtime.Format;

namespace Satchel.Build.Output;

/// <summary>Recognises a file Satchel wrote: an app ends with the trailer's magic (docs/format.md).</summary>
public static class SatchelAppFile
{
    /// <summary>True when <paramref name="path"/> is a regular file ending with Satchel's trailer magic; one 8-byte read.</summary>
    public static bool Is(string path)
    {
        try
        {
            // Checked before opening: a FIFO (length 0) would block the open.
            if (new FileInfo(path).Length < Trailer.Size)
            {
                return false;
            }

            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(handle);
            if (length < Trailer.Size)
            {
                return false;
            }

            Span<byte> tail = stackalloc byte[8];
            return RandomAccess.Read(handle, tail, length - tail.Length) == tail.Length && tail.SequenceEqual(Trailer.Magic);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: not recognisably ours; whoever reads it next reports why.
            return false;
        }
    }
}
