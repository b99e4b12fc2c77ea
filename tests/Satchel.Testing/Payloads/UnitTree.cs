using System.Security.Cryptography;
using System.Text;
using Satchel.Runtime.Format;

namespace Satchel.Testing.Payloads;

/// <summary>
/// Builds the entry list and data stream of one crafted unit in the order the calls are made,
/// without sorting or checking anything: a hostile index is exactly what some tests need.
/// </summary>
public sealed class UnitTree
{
    private readonly List<IndexEntry> _entries = [];
    private readonly MemoryStream _stream = new();

    public IReadOnlyList<IndexEntry> Entries => _entries;

    public byte[] Stream => _stream.ToArray();

    public UnitTree Dir(string path)
    {
        _entries.Add(IndexEntry.Directory(path));
        return this;
    }

    public UnitTree File(string path, string content, bool executable = false) => File(path, Encoding.UTF8.GetBytes(content), executable);

    /// <summary>A file whose size and SHA-256 are those of <paramref name="data"/>, which is appended to the stream.</summary>
    public UnitTree File(string path, byte[] data, bool executable = false)
    {
        _entries.Add(IndexEntry.File(path, data.Length, SHA256.HashData(data), executable));
        _stream.Write(data);
        return this;
    }

    public UnitTree Link(string path, string target)
    {
        _entries.Add(IndexEntry.Symlink(path, target));
        return this;
    }

    /// <summary>Any entry at all, as given; its data (if any) must be added with <see cref="Data"/>.</summary>
    public UnitTree Raw(IndexEntry entry)
    {
        _entries.Add(entry);
        return this;
    }

    /// <summary>Bytes appended to the stream without an entry of their own.</summary>
    public UnitTree Data(byte[] data)
    {
        _stream.Write(data);
        return this;
    }

    /// <summary>The unit with honest blocks of <paramref name="blockSize"/> bytes and the key its entries give.</summary>
    public CraftedUnit Build(int blockSize = 4096) => new(_entries.ToArray(), CraftedBlock.Cut(_stream.ToArray(), blockSize));
}
