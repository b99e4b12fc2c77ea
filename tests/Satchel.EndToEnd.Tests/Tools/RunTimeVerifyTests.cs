using System.Security.Cryptography;
using System.Text.Json;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Tools;

/// <summary>`SATCHEL_VERIFY=1`: a run checks this app's cached files and puts back what was changed or deleted.</summary>
public sealed class RunTimeVerifyTests : IDisposable
{
    private readonly ToolsSandbox _box = new();

    private (string App, string Files) PackAndRun()
    {
        _box.Write("src/run.sh", "#!/bin/sh\ncat \"$SATCHEL_APP_DIR/lib/config.txt\" \"$SATCHEL_APP_DIR/lib/deep/more.txt\"\n", executable: true);
        _box.Write("src/lib/config.txt", "config=original\n");
        _box.Write("src/lib/deep/more.txt", "more=original\n");
        _box.Write("src/pkg/__pycache__/mod.cpython-311.pyc", "bytecode shipped in the payload\n");
        var app = _box.Pack("src", "run.sh", "app");
        var first = _box.Run(app);
        Assert.True(first.ExitCode == 0, first.ToString());

        var inspect = _box.Cli("inspect", app, "--json");
        using var doc = JsonDocument.Parse(inspect.StdOut);
        return (app, _box.UnitFiles(doc.RootElement.GetProperty("units")[0].GetProperty("key").GetString()!));
    }

    [Fact]
    public void A_tampered_and_a_deleted_cached_file_are_repaired_by_SATCHEL_VERIFY()
    {
        var (app, files) = PackAndRun();
        var config = Path.Combine(files, "lib", "config.txt");
        var more = Path.Combine(files, "lib", "deep", "more.txt");
        var originalHash = SHA256.HashData(File.ReadAllBytes(config));
        File.WriteAllText(config, "config=EDITED!!\n"); // same length, other bytes
        File.Delete(more);
        Directory.Delete(Path.GetDirectoryName(more)!); // a temp cleaner may take the directory too

        // Without SATCHEL_VERIFY the warm path trusts the cache (and shows the damage).
        var plain = _box.Run(app);
        Assert.Contains("config=EDITED!!", plain.StdOut);

        var verified = _box.Run(app, null, ("SATCHEL_VERIFY", "1"));
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("config=original", verified.StdOut);
        Assert.Contains("more=original", verified.StdOut);
        Assert.Contains("repaired 3 entries", verified.StdErr);
        Assert.Equal(originalHash, SHA256.HashData(File.ReadAllBytes(config)));
        Assert.Equal("more=original\n", File.ReadAllText(more));

        // A second verified run finds nothing to repair and leaves no repair directory behind.
        var again = _box.Run(app, null, ("SATCHEL_VERIFY", "1"));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.DoesNotContain("repaired", again.StdErr);
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(Path.GetDirectoryName(files)!)!, "*.repair-*"));
    }

    [Fact]
    public void Files_under_pycache_are_left_to_python()
    {
        var (app, files) = PackAndRun();
        var pyc = Path.Combine(files, "pkg", "__pycache__", "mod.cpython-311.pyc");
        File.WriteAllText(pyc, "rewritten by python at run time\n");
        var verified = _box.Run(app, null, ("SATCHEL_VERIFY", "1"));
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.DoesNotContain("repaired", verified.StdErr);
        Assert.Equal("rewritten by python at run time\n", File.ReadAllText(pyc));
    }

    [Fact]
    public void A_venv_with_an_emptied_start_hook_a_lost_link_and_an_overwritten_pth_is_repaired_by_SATCHEL_VERIFY()
    {
        var app = _box.BuildModuleApp("greet", "import json, sys\nprint('greet', json.dumps([1]), sys.argv[0] == __import__('os').environ['SATCHEL_APP'])\n");
        (string, string?) python = ("SATCHEL_PYTHON", RealPythons.Python311);
        Assert.Equal("greet [1] True\n", _box.Run(app, null, python).StdOut);

        // What a temp cleaner or a slip of the hand does to files: present, but not what was written.
        var venv = Directory.GetDirectories(Path.Combine(_box.Root, "v1", "venvs")).Single();
        var hook = Directory.GetFiles(Path.Combine(venv, "lib"), "_satchel_start.py", SearchOption.AllDirectories).Single();
        var hookText = File.ReadAllText(hook);
        File.WriteAllText(hook, string.Empty);
        File.Delete(Path.Combine(venv, "bin", "python3"));
        var pth = Directory.GetFiles(Path.Combine(venv, "lib"), "_satchel.pth", SearchOption.AllDirectories).Single();
        var pthText = File.ReadAllText(pth);
        File.WriteAllText(pth, "/nowhere\n");

        var broken = _box.Run(app, null, python);
        Assert.NotEqual(0, broken.ExitCode);

        var verified = _box.Run(app, null, python, ("SATCHEL_VERIFY", "1"));
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Equal("greet [1] True\n", verified.StdOut);
        Assert.Contains("repaired 3 entries of the app's venv", verified.StdErr);
        Assert.Equal(pthText, File.ReadAllText(pth));
        Assert.Equal(hookText, File.ReadAllText(hook));
        Assert.Equal(RealPythons.Python311, Path.GetFullPath(new FileInfo(Path.Combine(venv, "bin", "python3")).LinkTarget!, venv));

        var again = _box.Run(app, null, python, ("SATCHEL_VERIFY", "1"));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.DoesNotContain("repaired", again.StdErr);
        Assert.Empty(Directory.GetDirectories(Path.Combine(_box.Root, "v1", "venvs"), "*.repair-*"));
    }

    public void Dispose() => _box.Dispose();
}
