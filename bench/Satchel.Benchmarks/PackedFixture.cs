using Satchel.Build.Packing;
using Satchel.Runtime.Format;

namespace Satchel.Benchmarks;

/// <summary>
/// A payload file written once per benchmark class: the tree named by SATCHEL_BENCH_TREE (bench/run
/// points it at the awscli tree it builds), else a synthetic tree of Python-like sources of a
/// similar shape (many small files, a few larger ones). The file holds only the payload (no
/// launcher in front), which is a valid app file as far as the reader is concerned.
/// </summary>
public sealed class PackedFixture : IDisposable
{
    private PackedFixture(string directory, string appPath, string description)
    {
        Directory = directory;
        AppPath = appPath;
        Description = description;
    }

    public string Directory { get; }

    public string AppPath { get; }

    public string Description { get; }

    public static PackedFixture Create()
    {
        var directory = Path.Combine(Path.GetTempPath(), "satchel-micro-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var tree = Environment.GetEnvironmentVariable("SATCHEL_BENCH_TREE");
        string description;
        if (string.IsNullOrEmpty(tree))
        {
            tree = Path.Combine(directory, "tree");
            var (files, bytes) = SyntheticTree.Write(tree, files: 6000, seed: 9);
            description = $"synthetic tree, {files} files, {bytes >> 20} MiB";
        }
        else
        {
            description = $"tree {tree}";
        }

        var entries = SourceTreeScanner.Scan(tree);
        var entry = entries.First(e => e.Kind == EntryKind.File).Path;
        var spec = new PayloadSpec("micro", ExtractMode.Cache, new LaunchSpec(LaunchKind.Exec, 0, entry, [], []));
        var appPath = Path.Combine(directory, "app.payload");
        using (var output = File.Create(appPath))
        {
            new PayloadWriter(CompressionSettings.Default).Write(output, [new UnitSource(UnitKind.App, "micro", entries)], spec);
        }

        Console.WriteLine($"// fixture: {description}, payload {new FileInfo(appPath).Length >> 10} KiB at {appPath}");
        return new PackedFixture(directory, appPath, description);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
