using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Hashing;

namespace Satchel.Runtime.Extraction;

/// <summary>
/// Takes the decoded data of one <see cref="BlockGroup"/> in order and writes it into the
/// group's files: each file created exclusively with its final mode, written as the data
/// arrives, its SHA-256 checked when its last byte is written. Never writes more than the index
/// declares: data beyond the group's files, or files left short, are refused.
/// </summary>
internal sealed class GroupFileWriter : IDisposable
{
    private readonly string _appPath;
    private readonly string _destination;
    private readonly IReadOnlyList<IndexEntry> _files;
    private readonly Sha256Hash _hash;
    private readonly int _end;
    private int _next;
    private IndexEntry? _current;
    private OutputFile? _file;
    private long _written;

    public GroupFileWriter(string appPath, string destination, IReadOnlyList<IndexEntry> files, BlockGroup group, Sha256Hash hash)
    {
        _appPath = appPath;
        _destination = destination;
        _files = files;
        _hash = hash;
        _next = group.FirstFile;
        _end = group.FirstFile + group.FileCount;
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            if (_current is null)
            {
                OpenNextNonEmpty();
                if (_current is null)
                {
                    throw new CorruptPayloadException(_appPath, "a data block holds more bytes than its files");
                }
            }

            var chunk = data[..(int)Math.Min(data.Length, _current.Size - _written)];
            _file!.Write(chunk, _written);
            _hash.AppendData(chunk);
            _written += chunk.Length;
            data = data[chunk.Length..];
            if (_written == _current.Size)
            {
                Complete();
            }
        }
    }

    /// <summary>Called after the group's last block: creates trailing empty files and checks that every file got all its bytes.</summary>
    public void Finish()
    {
        if (_current is null)
        {
            OpenNextNonEmpty();
        }

        if (_current is not null)
        {
            throw new CorruptPayloadException(_appPath, "the data blocks end before the files do");
        }
    }

    /// <summary>Creates the next files; empty ones are completed at once, the first non-empty one becomes current.</summary>
    private void OpenNextNonEmpty()
    {
        while (_current is null && _next < _end)
        {
            _current = _files[_next++];
            _file = OutputFile.Create(UnitTreeWriter.Combine(_destination, _current.Path), _current.IsExecutable, _current.Size);
            _written = 0;
            if (_current.Size == 0)
            {
                Complete();
            }
        }
    }

    private void Complete()
    {
        var file = _file!;
        _file = null;
        file.Close();
        Span<byte> sha256 = stackalloc byte[32];
        _hash.GetHashAndReset(sha256);
        if (!sha256.SequenceEqual(_current!.Sha256))
        {
            throw new CorruptPayloadException(_appPath, $"file '{EntryPathRules.Printable(_current.Path)}' does not match its SHA-256 in the index");
        }

        _current = null;
    }

    public void Dispose() => _file?.Dispose();
}
