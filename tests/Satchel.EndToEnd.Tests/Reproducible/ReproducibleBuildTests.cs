using Satchel.Runtime.Format;
using Satchel.Testing;
using Satchel.Testing.PackageIndex;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.EndToEnd.Tests.Reproducible;

/// <summary>
/// Same inputs, built in different directories at different times, give the same bytes; a
/// different SOURCE_DATE_EPOCH changes only the provenance field (docs/reproducible.md).
/// </summary>
public sealed class ReproducibleBuildTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-repro");

    public void Dispose() => _dir.Dispose();

    private static Dictionary<string, string?> Env(string? epoch = null, string? processors = null) => new()
    {
        ["SOURCE_DATE_EPOCH"] = epoch,
        ["DOTNET_PROCESSOR_COUNT"] = processors,
        ["SATCHEL_VERBOSE"] = null,
        ["PYTHONPATH"] = null,
    };

    private string WriteTree(string root, bool scrambleMetadata)
    {
        var files = new Dictionary<string, string>
        {
            ["run.sh"] = "#!/bin/sh\necho hello\n",
            ["lib/data.txt"] = "some data\n",
            ["lib/deep/more.txt"] = new string('x', 100_000),
            ["README"] = "readme\n",
        };
        foreach (var (path, text) in scrambleMetadata ? files.Reverse() : files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            File.SetUnixFileMode(full, path == "run.sh"
                ? (scrambleMetadata ? (UnixFileMode)0b111_000_000 : (UnixFileMode)0b111_101_101)
                : (scrambleMetadata ? (UnixFileMode)0b110_000_000 : (UnixFileMode)0b110_100_100));
            File.SetLastWriteTimeUtc(full, scrambleMetadata ? DateTime.UtcNow : new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        }

        // Several 4 MiB blocks, so compression really runs in parallel.
        var big = new byte[9 << 20];
        new Random(42).NextBytes(big.AsSpan(0, big.Length / 3));
        File.WriteAllBytes(Path.Combine(root, "lib", "big.bin"), big);
        File.CreateSymbolicLink(Path.Combine(root, "lib", "link.txt"), "data.txt");
        return root;
    }

    private string Pack(string tree, string outputDirectory, string? epoch = null, string? processors = null)
    {
        Directory.CreateDirectory(outputDirectory);
        var output = Path.Combine(outputDirectory, "app");
        var result = SatchelCli.Run(["pack", tree, "--entry", "run.sh", "-o", output, "-q"], Env(epoch, processors), workingDirectory: outputDirectory);
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }

    [Fact]
    public void Pack_of_the_same_tree_in_two_directories_a_second_apart_is_byte_identical()
    {
        var first = Pack(WriteTree(_dir.Combine("one", "tree"), scrambleMetadata: false), _dir.Combine("one", "out"));
        Thread.Sleep(1100);
        // Another path, other file times, other permission bits beyond the executable bit, other
        // creation order, and one core instead of all (blocks compressed one at a time).
        var second = Pack(WriteTree(_dir.Combine("two", "elsewhere", "tree"), scrambleMetadata: true), _dir.Combine("two", "elsewhere", "out"), processors: "1");

        var a = BuiltFile.Read(first);
        var b = BuiltFile.Read(second);
        Assert.Equal(a.Sha256, b.Sha256);
        using (var app = Satchel.Runtime.Format.AppFile.Open(first))
        {
            Assert.True(app.ReadIndex().Units[0].Blocks.Count >= 3);
        }

        Assert.Equal(SourceDateEpochDefault, a.Provenance!.SourceDateEpoch);
        Assert.Equal(string.Empty, a.Provenance.BuildInterpreter);
        Assert.Null(a.Provenance.LockSha256Hex);
    }

    private const long SourceDateEpochDefault = 315532800;

    [Fact]
    public void A_different_SOURCE_DATE_EPOCH_changes_only_the_provenance_field()
    {
        var tree = WriteTree(_dir.Combine("tree"), scrambleMetadata: false);
        var early = BuiltFile.Read(Pack(tree, _dir.Combine("early"), "1000000000"));
        var late = BuiltFile.Read(Pack(tree, _dir.Combine("late"), "1700000000"));

        Assert.NotEqual(early.Sha256, late.Sha256);
        Assert.Equal(1000000000, early.Provenance!.SourceDateEpoch);
        Assert.Equal(1700000000, late.Provenance!.SourceDateEpoch);
        Assert.Equal(early.Provenance with { SourceDateEpoch = 0 }, late.Provenance with { SourceDateEpoch = 0 }, ProvenanceComparer.Instance);

        // Launcher, unit data and index are the same bytes at the same offsets; only the header
        // (and so the app id and the trailer's checksums) differ.
        Assert.Equal(early.HeaderStart, late.HeaderStart);
        var earlyBytes = File.ReadAllBytes(_dir.Combine("early", "app"));
        var lateBytes = File.ReadAllBytes(_dir.Combine("late", "app"));
        Assert.True(earlyBytes.AsSpan(0, (int)early.HeaderStart).SequenceEqual(lateBytes.AsSpan(0, (int)late.HeaderStart)));
        Assert.Equal(early.Units, late.Units);
        Assert.Equal(early.Header.IndexSha256, late.Header.IndexSha256);
        Assert.Equal(early.Header.Launch.EntryPath, late.Header.Launch.EntryPath);
    }

    [Fact]
    public void An_invalid_SOURCE_DATE_EPOCH_is_a_usage_error_and_nothing_is_written()
    {
        var tree = WriteTree(_dir.Combine("tree"), scrambleMetadata: false);
        Directory.CreateDirectory(_dir.Combine("out"));
        var result = SatchelCli.Run(["pack", tree, "--entry", "run.sh", "-o", _dir.Combine("out", "app")], Env("yesterday"));

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("SOURCE_DATE_EPOCH='yesterday'", result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("out", "app")));
    }

    [Fact]
    public void Build_of_a_local_project_built_by_pip_in_two_directories_a_second_apart_is_byte_identical()
    {
        var links = _dir.Combine("links");
        CraftedWheel.Write(links, "dep", "1.0");
        BuildBackendWheels.FindLinks(_dir.Combine("backend"));

        string BuildCopy(string root)
        {
            WriteProject(Path.Combine(root, "project"));
            Directory.CreateDirectory(Path.Combine(root, "out"));
            var output = Path.Combine(root, "out", "tool");
            var result = SatchelCli.Run(
                ["build", "--python", RealPythons.Python311, "--no-index", "-f", links, "-f", _dir.Combine("backend"), Path.Combine(root, "project"), "-o", output, "-q"],
                Env(), workingDirectory: root);
            Assert.True(result.ExitCode == 0, result.ToString());
            return output;
        }

        var first = BuiltFile.Read(BuildCopy(_dir.Combine("a")));
        Thread.Sleep(1100);
        var second = BuiltFile.Read(BuildCopy(_dir.Combine("b", "somewhere", "else")));

        Assert.Equal(first.Units, second.Units);
        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Contains(first.Header.Units, u => u.Name == "my-tool 0.1.0" && u.Kind == UnitKind.Wheel);
        Assert.StartsWith("cpython 3.11.", first.Provenance!.BuildInterpreter, StringComparison.Ordinal);
        AssertNoBuildPathInExtractedUnits(_dir.Combine("a", "out", "tool"), _dir.Path);
    }

    [Fact]
    public void Bytecode_compiled_by_python_3_9_is_the_same_in_two_cold_builds()
    {
        // Python 3.9's marshal writes a frozenset constant in hash order: with a random hash seed
        // (what -E gave the compile run) this module's bytecode differs from build to build.
        var words = string.Join(", ", Enumerable.Range(0, 24).Select(i => $"\"word{i}\""));
        var links = _dir.Combine("links");
        Directory.CreateDirectory(links);
        new WheelBuilder("setconst", "1.0").AddFile("setconst/__init__.py", $"def known(x):\n    return x in {{{words}}}\n").Build(links);

        BuiltFile BuildOnce(string name)
        {
            Directory.CreateDirectory(_dir.Combine(name));
            var output = _dir.Combine(name, "app");
            var result = SatchelCli.Run(
                ["build", "--python", RealPythons.Python39, "--no-index", "-f", links, "setconst", "-m", "setconst:known", "-o", output, "-q", "--no-build-cache"],
                Env(), workingDirectory: _dir.Path);
            Assert.True(result.ExitCode == 0, result.ToString());
            return BuiltFile.Read(output);
        }

        var first = BuildOnce("first");
        var second = BuildOnce("second");

        Assert.Contains(first.Header.Units, u => u.Kind == UnitKind.Bytecode);
        Assert.Equal(first.Units, second.Units);
    }

    /// <summary>
    /// Runs the app (so every unit is extracted into a cache outside the build tree) and checks that
    /// no extracted file mentions the build tree: no absolute path of the project, the wheel folder
    /// or the build directory leaked into the payload (RECORD, direct_url.json, scripts, metadata).
    /// </summary>
    private static void AssertNoBuildPathInExtractedUnits(string app, string buildTree)
    {
        using var cache = new TempDirectory("satchel-repro-cache");
        var run = ProcessRunner.Run(app, [], new Dictionary<string, string?> { ["SATCHEL_ROOT"] = cache.Path, ["SATCHEL_VERBOSE"] = null, ["PYTHONPATH"] = null });
        Assert.True(run.ExitCode == 0 && run.StdOut.StartsWith("my tool ", StringComparison.Ordinal), run.ToString());
        var needle = System.Text.Encoding.UTF8.GetBytes(buildTree);
        var files = Directory.EnumerateFiles(cache.Path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(f => !new FileInfo(f).Attributes.HasFlag(FileAttributes.ReparsePoint))
            .ToList();
        // The extracted payload is under units/; the cache's record of where the app file lives
        // (apps/, for `satchel cache list`) names the output path on purpose and is not payload.
        var extracted = files.Where(f => f.Contains("/units/", StringComparison.Ordinal)).ToList();
        Assert.Contains(extracted, f => f.EndsWith("RECORD", StringComparison.Ordinal));
        Assert.DoesNotContain(extracted, f => File.ReadAllBytes(f).AsSpan().IndexOf(needle) >= 0);
        // The scan does find absolute paths where they belong: the venv points into the cache.
        var cacheRoot = System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(cache.Path));
        Assert.Contains(files, f => File.ReadAllBytes(f).AsSpan().IndexOf(cacheRoot) >= 0);
        Assert.DoesNotContain(extracted, f => Path.GetFileName(f) == "direct_url.json");
    }

    private static void WriteProject(string root) =>
        SetuptoolsProject.Write(root, "my-tool", "0.1.0", "dep", "mytool", new Dictionary<string, string>
        {
            ["__init__.py"] = string.Empty,
            ["cli.py"] = "def main():\n    print('my tool', __file__)\n",
        }, "my-tool = \"mytool.cli:main\"");

    /// <summary>Records compare their byte arrays by reference; provenance is compared by value here.</summary>
    private sealed class ProvenanceComparer : IEqualityComparer<BuildProvenance?>
    {
        public static readonly ProvenanceComparer Instance = new();

        public bool Equals(BuildProvenance? x, BuildProvenance? y) =>
            x is not null && y is not null && x.SourceDateEpoch == y.SourceDateEpoch && x.SatchelVersion == y.SatchelVersion
            && x.BuildInterpreter == y.BuildInterpreter && x.LockSha256.AsSpan().SequenceEqual(y.LockSha256);

        public int GetHashCode(BuildProvenance? obj) => 0;
    }
}
