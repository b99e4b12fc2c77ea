using Satchel.Build.Packing;
using Satchel.Testing;
using Xunit;

namespace Satchel.Build.Tests.Packing;

/// <summary>
/// `satchel pack` drops the timestamp-based bytecode a real Python wrote (stale once extracted)
/// and keeps hash-based bytecode and bytecode without a packed source.
/// </summary>
public sealed class StaleBytecodeFilterTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-stale-pyc");

    [Fact]
    public void Timestamp_pycs_with_their_source_are_left_out_and_hash_based_ones_kept()
    {
        _dir.Write("tree/stamped.py", "X = 1\n");
        _dir.Write("tree/pkg/__init__.py", "");
        _dir.Write("tree/pkg/hashed.py", "Y = 2\n");
        var tree = _dir.Combine("tree");
        Compile(tree, "timestamp", "stamped.py", "pkg/__init__.py");
        Compile(tree, "unchecked-hash", "pkg/hashed.py");
        var orphan = Path.Combine(tree, "pkg", "__pycache__", "hashed.cpython-311.pyc");
        File.Copy(orphan, Path.Combine(tree, "pkg", "__pycache__", "gone.cpython-311.pyc"));

        var kept = StaleBytecodeFilter.Apply(SourceTreeScanner.Scan(tree), out var dropped);

        var paths = kept.Select(e => e.Path).ToList();
        Assert.Equal(2, dropped);
        Assert.DoesNotContain("__pycache__/stamped.cpython-311.pyc", paths);
        Assert.DoesNotContain("pkg/__pycache__/__init__.cpython-311.pyc", paths);
        Assert.Contains("pkg/__pycache__/hashed.cpython-311.pyc", paths);
        Assert.Contains("pkg/__pycache__/gone.cpython-311.pyc", paths);
        Assert.Contains("stamped.py", paths);
    }

    [Theory]
    [InlineData("__pycache__/a.cpython-311.pyc", "a.py")]
    [InlineData("x/y/__pycache__/mod.cpython-312.opt-1.pyc", "x/y/mod.py")]
    [InlineData("x/mod.pyc", null)]
    [InlineData("x/__pycache__/notes.txt", null)]
    public void The_source_of_a_cached_pyc_is_beside_its_pycache(string path, string? source) =>
        Assert.Equal(source, StaleBytecodeFilter.SourceOf(path));

    private static void Compile(string tree, string mode, params string[] files)
    {
        var result = ProcessRunner.Run(RealPythons.Python311, ["-c",
            "import py_compile, sys\nfor f in sys.argv[2:]: py_compile.compile(f, doraise=True, invalidation_mode=py_compile.PycInvalidationMode[sys.argv[1]])",
            mode.ToUpperInvariant().Replace('-', '_'), .. files], new Dictionary<string, string?> { ["SOURCE_DATE_EPOCH"] = null }, workingDirectory: tree);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    public void Dispose() => _dir.Dispose();
}
