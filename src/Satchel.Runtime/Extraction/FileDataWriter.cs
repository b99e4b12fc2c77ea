using Satchel.Runtime.Format;
using Satchel.Runtime.Hashing;

namespace Satchel.Runtime.Extraction;

/// <summary>
/// Writes every file of a unit from its blocks. The unit's <see cref="BlockGroup"/>s are
/// independent, so worker threads take them in order from a shared counter, each decoding its
/// group straight into the group's files; the calling thread is one of the workers. Memory is
/// bounded by the number of workers (each holds two chunk buffers and one Brotli window), not by
/// block or payload size. The first failure stops every worker and is rethrown to the caller.
/// Plain threads rather than tasks: the thread pool would add its machinery to every launcher.
/// </summary>
internal sealed class FileDataWriter
{
    /// <summary>
    /// At most this many threads decode at once: each costs a Brotli window (4 MiB by default),
    /// and past a few threads the file system, not decoding, is what a first run waits for.
    /// </summary>
    public const int MaxWorkers = 4;

    private readonly AppFile _app;
    private readonly UnitIndex _unit;
    private readonly string _destination;
    private readonly IReadOnlyList<IndexEntry> _files;
    private readonly List<BlockGroup> _groups;
    private int _nextGroup = -1;
    private volatile Exception? _failure;

    private FileDataWriter(AppFile app, UnitIndex unit, string destination)
    {
        _app = app;
        _unit = unit;
        _destination = destination;
        var files = new List<IndexEntry>(unit.Entries.Count);
        foreach (var entry in unit.Entries)
        {
            if (entry.Kind == EntryKind.File)
            {
                files.Add(entry);
            }
        }

        _files = files;
        _groups = BlockGroup.Plan(unit.Blocks, _files);
    }

    public static void Write(AppFile app, UnitIndex unit, string destination) => new FileDataWriter(app, unit, destination).Run();

    private void Run()
    {
        var helpers = new Thread[Math.Min(Math.Clamp(Environment.ProcessorCount, 1, MaxWorkers), _groups.Count) - 1];
        for (var i = 0; i < helpers.Length; i++)
        {
            helpers[i] = new Thread(Work) { IsBackground = true, Name = "satchel-extract" };
            helpers[i].Start();
        }

        Work();
        foreach (var helper in helpers)
        {
            helper.Join();
        }

        if (_failure is not null)
        {
            throw _failure;
        }
    }

    private void Work()
    {
        try
        {
            using var decoder = new BlockStreamDecoder(_app);
            using var fileHash = Sha256Hash.Create();
            int index;
            while (_failure is null && (index = Interlocked.Increment(ref _nextGroup)) < _groups.Count)
            {
                var group = _groups[index];
                using var files = new GroupFileWriter(_app.Path, _destination, _files, group, fileHash);
                for (var b = group.FirstBlock; b < group.FirstBlock + group.BlockCount && _failure is null; b++)
                {
                    decoder.Decode(_unit.Blocks[b], files);
                }

                if (_failure is null)
                {
                    files.Finish();
                }
            }
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _failure, e, null);
        }
    }
}
