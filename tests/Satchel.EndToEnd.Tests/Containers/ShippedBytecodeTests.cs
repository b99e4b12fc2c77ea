using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Containers;

/// <summary>
/// `satchel build` ships unchecked-hash bytecode in units of its own (docs/format.md): a first
/// start with PYTHONDONTWRITEBYTECODE=1 already runs every module of the app and its wheels from
/// compiled code; the wheel's own unit keeps the key it has without bytecode; extract leaves the
/// bytecode out; SATCHEL_VERIFY checks and repairs shipped bytecode where it was installed.
/// </summary>
public sealed class ShippedBytecodeTests(ContainerApp app) : IClassFixture<ContainerApp>
{
    [Fact]
    public void A_first_start_with_bytecode_writing_off_runs_from_shipped_bytecode()
    {
        var root = app.NewDirectory("first", (UnixFileMode)0b111_000_000);

        var run = ProcessRunner.Run(app.Path, [], PrebakedCacheTests.Env(root));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("hello from greet greet=unchecked main=unchecked ", run.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void The_file_lists_one_bytecode_unit_per_source_unit_and_extract_leaves_them_out()
    {
        var info = SatchelCli.Run(["inspect", "--json", app.Path]);
        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Equal(2, CountOf(info.StdOut, "\"kind\": \"bytecode\"") + CountOf(info.StdOut, "\"kind\":\"bytecode\""));

        var target = Path.Combine(app.NewDirectory("extract", (UnixFileMode)0b111_000_000), "out");
        var extract = SatchelCli.Run(["extract", app.Path, target]);

        Assert.True(extract.ExitCode == 0, extract.ToString());
        Assert.True(File.Exists(Path.Combine(target, "app", "site", "main.py")));
        Assert.Empty(Directory.GetFiles(target, "*.pyc", SearchOption.AllDirectories));
    }

    [Fact]
    public void Satchel_verify_repairs_a_damaged_shipped_pyc_in_place()
    {
        var root = app.NewDirectory("verify", (UnixFileMode)0b111_000_000);
        var first = ProcessRunner.Run(app.Path, [], PrebakedCacheTests.Env(root));
        Assert.True(first.ExitCode == 0, first.ToString());
        var pyc = Assert.Single(Directory.GetFiles(Path.Combine(root, "v1", "units"), "__init__.cpython-311.pyc", SearchOption.AllDirectories));
        var good = File.ReadAllBytes(pyc);
        File.WriteAllBytes(pyc, [.. good[..16], .. new byte[good.Length - 16]]);

        var verified = ProcessRunner.Run(app.Path, [], PrebakedCacheTests.Env(root, ("SATCHEL_VERIFY", "1")));

        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("repaired 1 entry", verified.StdErr, StringComparison.Ordinal);
        Assert.Equal(good, File.ReadAllBytes(pyc));
    }

    [Fact]
    public void Another_python_version_runs_the_app_and_writes_its_own_bytecode_where_it_may()
    {
        var wide = app.Build("wide", "--interpreter-constraint", ">=3.11");
        var root = app.NewDirectory("other", (UnixFileMode)0b111_000_000);

        var other = ProcessRunner.Run(wide, [], PrebakedCacheTests.Env(root, ("SATCHEL_PYTHON", RealPythons.Python312), ("PYTHONDONTWRITEBYTECODE", null)));
        var shipped = ProcessRunner.Run(wide, [], PrebakedCacheTests.Env(root));

        Assert.True(other.ExitCode == 0, other.ToString());
        Assert.StartsWith("hello from greet greet=timestamp main=timestamp ", other.StdOut, StringComparison.Ordinal);
        Assert.True(shipped.ExitCode == 0, shipped.ToString());
        Assert.StartsWith("hello from greet greet=unchecked main=unchecked ", shipped.StdOut, StringComparison.Ordinal);
        var verify = ProcessRunner.Run(wide, [], PrebakedCacheTests.Env(root, ("SATCHEL_VERIFY", "1")));
        Assert.True(verify.ExitCode == 0 && !verify.StdErr.Contains("repaired", StringComparison.Ordinal), verify.ToString());
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
