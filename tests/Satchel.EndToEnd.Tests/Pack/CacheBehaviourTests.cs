using System.Diagnostics;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Pack;

/// <summary>The shared cache seen from real launcher processes: symlinked homes, concurrency, sharing.</summary>
public sealed class CacheBehaviourTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-cache");

    /// <summary>An app with relative symlinks to a file and a directory, whose entry checks them.</summary>
    private string PackLinkedApp(string name = "app", string? appName = null)
    {
        var src = _dir.Combine(name + "-src");
        if (!Directory.Exists(src))
        {
            _dir.Write($"{name}-src/data/real.txt", "payload\n");
            _dir.Write($"{name}-src/bin/run.sh", "#!/bin/sh\ncat \"$SATCHEL_APP_DIR/bin/link.txt\" && ls \"$SATCHEL_APP_DIR/dirlink/\" && echo \"dir=$SATCHEL_APP_DIR\"\n", executable: true);
            File.CreateSymbolicLink(Path.Combine(src, "bin", "link.txt"), "../data/real.txt");
            File.CreateSymbolicLink(Path.Combine(src, "dirlink"), "data");
        }

        var output = _dir.Combine(name + (appName ?? string.Empty));
        var args = new List<string> { "pack", src, "--entry", "bin/run.sh", "-o", output };
        if (appName is not null)
        {
            args.AddRange(["--name", appName]);
        }

        var result = SatchelCli.Run(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }

    private static Dictionary<string, string?> CleanEnv(params (string Key, string? Value)[] values)
    {
        var env = new Dictionary<string, string?> { ["SATCHEL_ROOT"] = null, ["XDG_CACHE_HOME"] = null, ["SATCHEL_VERBOSE"] = null };
        foreach (var (key, value) in values)
        {
            env[key] = value;
        }

        return env;
    }

    /// <summary>lnk → a/b/c, the layout of pex issue 2572.</summary>
    private (string Link, string Real) SymlinkedDirectory(string name)
    {
        var real = _dir.Combine(name, "a", "b", "c");
        Directory.CreateDirectory(real);
        var link = _dir.Combine(name, "lnk");
        File.CreateSymbolicLink(link, Path.Combine("a", "b", "c"));
        return (link, real);
    }

    [Theory]
    [InlineData("HOME")]
    [InlineData("XDG_CACHE_HOME")]
    [InlineData("SATCHEL_ROOT")]
    public void A_symlinked_cache_location_works_and_leaves_no_dangling_link(string variable)
    {
        var app = PackLinkedApp();
        var (link, real) = SymlinkedDirectory(variable.ToLowerInvariant());
        var env = CleanEnv((variable, link));
        if (variable != "HOME")
        {
            env["HOME"] = _dir.Combine("unused-home");
        }

        var result = ProcessRunner.Run(app, [], env);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("payload", result.StdOut);
        Assert.Contains("real.txt", result.StdOut);

        var expectedRoot = variable switch
        {
            "HOME" => Path.Combine(real, ".cache", "satchel"),
            "XDG_CACHE_HOME" => Path.Combine(real, "satchel"),
            _ => real,
        };
        Assert.Contains("dir=" + expectedRoot + "/v1/units/", result.StdOut);

        var links = Directory.EnumerateFileSystemEntries(expectedRoot, "*", SearchOption.AllDirectories)
            .Where(p => new FileInfo(p).LinkTarget is not null).ToList();
        Assert.Equal(2, links.Count);
        foreach (var path in links)
        {
            var resolved = Path.GetFullPath(new FileInfo(path).LinkTarget!, Path.GetDirectoryName(path)!);
            Assert.True(File.Exists(resolved) || Directory.Exists(resolved), $"dangling link {path}");
        }

        // Run again through the symlink: a warm start.
        env["SATCHEL_VERBOSE"] = "1";
        var warm = ProcessRunner.Run(app, [], env);
        Assert.Equal(0, warm.ExitCode);
        Assert.Contains("hit: every unit is cached", warm.StdErr);
    }

    [Fact]
    public void Sixteen_first_runs_at_once_all_succeed_and_extract_once()
    {
        var app = PackLinkedApp();
        var root = _dir.Combine("concurrent-root");
        var env = CleanEnv(("SATCHEL_ROOT", root), ("SATCHEL_VERBOSE", "1"));
        var processes = Enumerable.Range(0, 16).Select(_ => ProcessRunner.Start(app, [], env)).ToList();
        var results = processes.Select(p =>
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return new ProcessResult(p.ExitCode, stdout.Result, stderr);
        }).ToList();

        Assert.All(results, r => Assert.True(r.ExitCode == 0 && r.StdOut.Contains("payload"), r.ToString()));
        Assert.Equal(1, results.Count(r => r.StdErr.Contains(") extracted:")));
        var units = Directory.GetFileSystemEntries(Path.Combine(root, "v1", "units"));
        Assert.Single(units, Directory.Exists);
        Assert.Single(units, p => p.EndsWith(".lock", StringComparison.Ordinal));
        Assert.DoesNotContain(units, p => p.Contains(".work-"));
    }

    [Fact]
    public void A_second_app_with_the_same_content_reuses_the_cached_unit()
    {
        var first = PackLinkedApp("same", "first");
        var second = PackLinkedApp("same", "second");
        Assert.NotEqual(File.ReadAllBytes(first), File.ReadAllBytes(second));
        var env = CleanEnv(("SATCHEL_ROOT", _dir.Combine("shared-root")), ("SATCHEL_VERBOSE", "1"));

        var one = ProcessRunner.Run(first, [], env);
        Assert.Contains(") extracted:", one.StdErr);
        var two = ProcessRunner.Run(second, [], env);
        Assert.Equal(0, two.ExitCode);
        Assert.Contains("hit: every unit is cached", two.StdErr);
        Assert.DoesNotContain("extracted", two.StdErr);
        Assert.Single(Directory.GetDirectories(Path.Combine(_dir.Combine("shared-root"), "v1", "units")));
    }

    public void Dispose() => _dir.Dispose();
}
