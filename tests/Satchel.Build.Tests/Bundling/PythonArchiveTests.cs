using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Satchel.Build.Bundling;
using Satchel.Runtime.Errors;
using Satchel.Testing;
using Xunit;

namespace Satchel.Build.Tests.Bundling;

/// <summary>Unpacking a bundled interpreter's .tar.gz (untrusted) and finding the interpreter in a tree.</summary>
public sealed class PythonArchiveTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-pyarchive");

    /// <summary>Writes a .tar.gz with the given entries: (name, type, content or link target).</summary>
    private string Archive(params (string Name, TarEntryType Type, string Data)[] entries)
    {
        var path = _dir.Combine($"a{Guid.NewGuid():N}.tar.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (name, type, data) in entries)
            {
                var entry = new PaxTarEntry(type, name) { Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute };
                if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink)
                {
                    entry.LinkName = data;
                }
                else if (type == TarEntryType.RegularFile)
                {
                    entry.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(data));
                }

                writer.WriteEntry(entry);
            }
        }

        return path;
    }

    private static (string Name, TarEntryType Type, string Data)[] FakePython =>
    [
        ("python/", TarEntryType.Directory, ""),
        ("python/bin/", TarEntryType.Directory, ""),
        ("python/bin/python3.12", TarEntryType.RegularFile, "#!/bin/sh\nexit 0\n"),
        ("python/bin/python3", TarEntryType.SymbolicLink, "python3.12"),
        ("python/bin/python", TarEntryType.SymbolicLink, "python3"),
        ("python/lib/python3.12/os.py", TarEntryType.RegularFile, "# os\n"),
        ("python/lib/python3.12/copy-of-os.py", TarEntryType.HardLink, "python/lib/python3.12/os.py"),
        ("python/include/python3.12/patchlevel.h", TarEntryType.RegularFile, "#define PY_VERSION              \"3.12.4\"\n"),
    ];

    [Fact]
    public void An_install_only_archive_unpacks_with_links_kept_and_the_interpreter_is_found()
    {
        var target = _dir.Combine("out");
        PythonArchive.Extract(Archive(FakePython), target);
        Assert.Equal("python3.12", new FileInfo(Path.Combine(target, "python", "bin", "python3")).LinkTarget);
        Assert.Equal("# os\n", File.ReadAllText(Path.Combine(target, "python", "lib", "python3.12", "copy-of-os.py")));
        Assert.True((File.GetUnixFileMode(Path.Combine(target, "python", "bin", "python3.12")) & UnixFileMode.UserExecute) != 0);

        var tree = RelocatablePythonTree.Find(target, "x.tar.gz");
        Assert.Equal(Path.Combine(target, "python"), tree.Root);
        Assert.Equal("bin/python3.12", tree.Binary);
        Assert.Equal("3.12", tree.MajorMinor);
        Assert.Equal(string.Empty, tree.AbiFlags);
        Assert.Equal("3.12.4", tree.PatchLevelVersion);
    }

    [Theory]
    [InlineData("python/../../evil", TarEntryType.RegularFile, "x")]
    [InlineData("/etc/evil", TarEntryType.RegularFile, "x")]
    [InlineData("python/bin/escape", TarEntryType.SymbolicLink, "/usr/bin/python3")]
    [InlineData("python/dev", TarEntryType.CharacterDevice, "")]
    [InlineData("python/copy", TarEntryType.HardLink, "python/missing")]
    public void A_hostile_entry_is_refused_with_a_data_error(string name, TarEntryType type, string data)
    {
        var archive = Archive([.. FakePython, (name, type, data)]);
        var error = Assert.Throws<SatchelException>(() => PythonArchive.Extract(archive, _dir.Combine("out")));
        Assert.Equal(ExitCodes.Data, error.ExitCode);
        Assert.Contains($"--bundle-python {archive}", error.Message);
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "evil")) || File.Exists("/etc/evil"));
    }

    [Fact]
    public void Something_that_is_not_a_gzip_is_a_clear_error()
    {
        var path = _dir.Write("python.tar.gz", "not a gzip stream at all");
        var error = Assert.Throws<SatchelException>(() => PythonArchive.Extract(path, _dir.Combine("out")));
        Assert.Equal(ExitCodes.Data, error.ExitCode);
        Assert.Contains("not a readable .tar.gz", error.Message);
    }

    [Fact]
    public void A_tree_whose_binary_link_leaves_it_is_refused()
    {
        _dir.Write("tree/lib/python3.11/os.py", "# os\n");
        Directory.CreateDirectory(_dir.Combine("tree", "bin"));
        File.CreateSymbolicLink(_dir.Combine("tree", "bin", "python3.11"), "../../outside/python3.11");
        var error = Assert.Throws<SatchelException>(() => RelocatablePythonTree.Find(_dir.Combine("tree"), "tree"));
        Assert.Contains("leads outside the tree", error.Message);
    }

    [Fact]
    public void A_binary_without_its_stdlib_is_not_a_python_tree()
    {
        _dir.Write("tree/bin/python3.11", "#!/bin/sh\n", executable: true);
        var error = Assert.Throws<SatchelException>(() => RelocatablePythonTree.Find(_dir.Combine("tree"), "tree"));
        Assert.Equal(ExitCodes.Data, error.ExitCode);
        Assert.Contains("it has bin/python3.11 but no lib/python3.X/os.py beside it", error.Message);
    }

    public void Dispose() => _dir.Dispose();
}
