using System.IO.Compression;
using Microsoft.Win32.SafeHandles;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Hashing;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Format;

/// <summary>
/// An app file opened for reading its payload. Opening reads only the trailer and the header
/// (one positioned read of the file's last few KB in the common case): that is all the warm path
/// needs. The index and the blocks are read on demand by the cold path and the tools, and each
/// is checked against the hash chain that starts at the trailer's app id.
/// </summary>
public sealed class AppFile : IDisposable
{
    /// <summary>How much of the file's end the first read takes; the header usually fits in it.</summary>
    private const int TailRead = 8192;

    private readonly byte[] _headerBytes;
    private bool _headerVerified;

    private AppFile(string path, SafeFileHandle handle, long length, Trailer trailer, byte[] headerBytes, PayloadHeader header)
    {
        Path = path;
        Handle = handle;
        Length = length;
        Trailer = trailer;
        _headerBytes = headerBytes;
        Header = header;
        PayloadStart = trailer.PayloadStart(length);
    }

    public string Path { get; }

    public SafeFileHandle Handle { get; }

    public long Length { get; }

    public Trailer Trailer { get; }

    public PayloadHeader Header { get; }

    /// <summary>The header's bytes as read and CRC-checked at open (the optional fields the warm path does not decode are found in them with HeaderField).</summary>
    public ReadOnlySpan<byte> HeaderBytes => _headerBytes;

    /// <summary>Absolute offset of the payload in the file; every offset in the payload is relative to it.</summary>
    public long PayloadStart { get; }

    public static AppFile Open(string path)
    {
        var handle = OpenHandle(path);
        try
        {
            var length = RandomAccess.GetLength(handle);
            if (length < Trailer.Size)
            {
                throw new CorruptPayloadException(path, $"the file is only {length} bytes, too short to hold a payload");
            }

            var tailLength = (int)Math.Min(length, TailRead);
            var tail = new byte[tailLength];
            ReadExactly(handle, tail, length - tailLength, path);
            var trailer = Trailer.Decode(tail.AsSpan(tailLength - Trailer.Size), length);
            var payloadStart = trailer.PayloadStart(length);
            var headerAt = payloadStart + trailer.HeaderOffset;
            byte[] headerBytes;
            if (headerAt >= length - tailLength)
            {
                headerBytes = tail.AsSpan((int)(headerAt - (length - tailLength)), trailer.HeaderLength).ToArray();
            }
            else
            {
                headerBytes = new byte[trailer.HeaderLength];
                ReadExactly(handle, headerBytes, headerAt, path);
            }

            if (Crc32.Compute(headerBytes) != trailer.HeaderCrc32)
            {
                throw new FormatViolationException("the header checksum does not match");
            }

            return new AppFile(path, handle, length, trailer, headerBytes, PayloadHeader.Decode(headerBytes));
        }
        catch (FormatViolationException e)
        {
            handle.Dispose();
            throw new CorruptPayloadException(path, e.Message);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the file for positioned reads; on Unix with a plain open(2) (<see cref="PosixFile"/>):
    /// this is the first thing every warm start does.
    /// </summary>
    private static SafeFileHandle OpenHandle(string path)
    {
        try
        {
            return OperatingSystem.IsWindows()
                ? File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete)
                : new SafeFileHandle(PosixFile.OpenForReading(path), ownsHandle: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SatchelException(e is FileNotFoundException or DirectoryNotFoundException ? ExitCodes.NoInput : ExitCodes.IoError,
                $"cannot open {path}: {IoErrors.Describe(e)}");
        }
    }

    /// <summary>
    /// Checks the header against the app id (its SHA-256). The warm path skips this (it trusts a
    /// CRC-checked header and cached units that were verified when written); everything that
    /// writes to the cache or reports on the file calls it first.
    /// </summary>
    public void VerifyHeader()
    {
        if (_headerVerified)
        {
            return;
        }

        if (!Sha256Hash.HashData(_headerBytes).AsSpan(0, Trailer.AppIdLength).SequenceEqual(Trailer.AppId))
        {
            throw new CorruptPayloadException(Path, "the header does not match the app id in the trailer");
        }

        _headerVerified = true;
    }

    /// <summary>Reads, checks and decodes the full index, validating every unit.</summary>
    public PayloadIndex ReadIndex()
    {
        VerifyHeader();
        var section = new byte[Trailer.IndexLength];
        ReadExactly(Handle, section, PayloadStart + Trailer.IndexOffset, Path);
        if (!Sha256Hash.HashData(section).AsSpan().SequenceEqual(Header.IndexSha256))
        {
            throw new CorruptPayloadException(Path, "the index does not match its hash in the header");
        }

        try
        {
            var index = PayloadIndex.Decode(Decompress(section));
            if (index.Units.Count != Header.Units.Count)
            {
                throw new FormatViolationException($"the index describes {index.Units.Count} units but the header {Header.Units.Count}");
            }

            foreach (var unit in index.Units)
            {
                UnitIndexValidator.Validate(unit);
                foreach (var block in unit.Blocks)
                {
                    if (!Trailer.Within(block.Offset, block.CompressedLength))
                    {
                        throw new FormatViolationException("a block lies outside the payload");
                    }
                }
            }

            return index;
        }
        catch (FormatViolationException e)
        {
            throw new CorruptPayloadException(Path, e.Message);
        }
    }

    /// <summary>The index section: the raw length (u64) and then one Brotli stream of that many bytes.</summary>
    private static byte[] Decompress(byte[] section)
    {
        var reader = new ByteReader(section);
        var raw = reader.U64();
        if (raw > FormatLimits.MaxIndexRawBytes)
        {
            throw new FormatViolationException($"the index declares {raw} bytes, more than the limit");
        }

        var output = new byte[raw];
        if (!BrotliDecoder.TryDecompress(section.AsSpan(8), output, out var written) || written != output.Length)
        {
            throw new FormatViolationException("the index does not decompress to its declared size");
        }

        return output;
    }

    public static void ReadExactly(SafeFileHandle handle, Span<byte> buffer, long offset, string path)
    {
        try
        {
            while (buffer.Length > 0)
            {
                var read = RandomAccess.Read(handle, buffer, offset);
                if (read <= 0)
                {
                    throw new CorruptPayloadException(path, $"the file ends early (truncated at byte {offset})");
                }

                buffer = buffer[read..];
                offset += read;
            }
        }
        catch (IOException e)
        {
            throw new SatchelException(ExitCodes.IoError, $"cannot read {path}: {IoErrors.Describe(e)}");
        }
    }

    public void Dispose() => Handle.Dispose();
}
