using System.Text.Json;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Safety;

/// <summary>First-contact behaviour of the cache commands and of a built app's cache root.</summary>
public sealed class MessagesTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-messages");

    private Dictionary<string, string?> Root => new() { ["SATCHEL_ROOT"] = _dir.Combine("cache") };

    private string PackQuick()
    {
        _dir.Write("tree/run.sh", "#!/bin/sh\necho ran\n", executable: true);
        var app = _dir.Combine("quick");
        var result = SatchelCli.Run(["pack", _dir.Combine("tree"), "--entry", "run.sh", "-o", app, "-q"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return app;
    }

    [Theory]
    [InlineData("--launcher")]
    [InlineData("SATCHEL_LAUNCHER")]
    public void A_launcher_path_the_user_gave_that_does_not_exist_is_named_as_given(string how)
    {
        _dir.Write("tree/run.sh", "#!/bin/sh\necho ran\n", executable: true);
        var missing = _dir.Combine("no-launcher");
        string[] args = ["pack", _dir.Combine("tree"), "--entry", "run.sh", "-o", _dir.Combine("app")];

        var result = how == "--launcher"
            ? SatchelCli.Run([.. args, "--launcher", missing])
            : SatchelCli.Run(args, new Dictionary<string, string?> { ["SATCHEL_LAUNCHER"] = missing });

        // The user's own input (66), with what to do about it: not advice to rebuild satchel.
        Assert.True(result.ExitCode == 66, result.ToString());
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(how == "--launcher"
            ? $"satchel: --launcher {missing}: no such file; give the path of a satchel-launcher binary, or leave out --launcher to use the one this satchel carries"
            : $"satchel: SATCHEL_LAUNCHER={missing}: no such file; point it at a satchel-launcher binary, or unset it to use the one this satchel carries", line);
        Assert.False(File.Exists(_dir.Combine("app")));
    }

    [Fact]
    public void A_relative_satchel_root_is_refused_at_run_time_and_creates_nothing()
    {
        var app = PackQuick();
        Directory.CreateDirectory(_dir.Combine("cwd"));

        var result = ProcessRunner.Run(app, [], new Dictionary<string, string?> { ["SATCHEL_ROOT"] = "relative/cache" }, workingDirectory: _dir.Combine("cwd"));

        Assert.True(result.ExitCode == 73, result.ToString());
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("satchel: SATCHEL_ROOT=relative/cache is a relative path", line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("cwd")));
    }

    [Fact]
    public void A_relative_home_is_refused_at_run_time_and_creates_nothing()
    {
        var app = PackQuick();
        Directory.CreateDirectory(_dir.Combine("cwd"));
        var env = new Dictionary<string, string?> { ["SATCHEL_ROOT"] = null, ["XDG_CACHE_HOME"] = null, ["HOME"] = "relative-home" };

        // Twice: the second start is the warm-start stub's to pass on, and it must not serve one either.
        for (var start = 0; start < 2; start++)
        {
            var result = ProcessRunner.Run(app, [], env, workingDirectory: _dir.Combine("cwd"));
            Assert.True(result.ExitCode == 73, result.ToString());
            var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal("satchel: cannot place the cache: HOME=relative-home is a relative path; set HOME or SATCHEL_ROOT to an absolute path", line);
            Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("cwd")));
        }
    }

    [Fact]
    public void A_cache_root_whose_name_is_too_long_is_said_in_words_not_as_a_resource_key()
    {
        var app = PackQuick();
        var root = _dir.Combine(new string('x', 300));

        var result = ProcessRunner.Run(app, [], new Dictionary<string, string?> { ["SATCHEL_ROOT"] = root });

        Assert.True(result.ExitCode == 73, result.ToString());
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"satchel: cannot create cache directory {root} (from SATCHEL_ROOT): file name too long; set SATCHEL_ROOT to a shorter path (a name between slashes may have at most 255 bytes)", line);
    }

    [Theory]
    [InlineData(3100)]
    [InlineData(4041)]
    [InlineData(4500)]
    public void A_cache_root_too_long_for_the_names_under_it_asks_for_a_shorter_root_whatever_its_length(int length)
    {
        var app = PackQuick();
        // 4041: the root can be created (under PATH_MAX, 4096), but not every file the cache keeps
        // under it; 4500: not even the root. Either is said the same way, before anything is made.
        var root = _dir.Path;
        while (root.Length < length)
        {
            root = Path.Combine(root, new string('d', Math.Min(200, length - root.Length - 1)));
        }

        var result = ProcessRunner.Run(app, [], new Dictionary<string, string?> { ["SATCHEL_ROOT"] = root });

        Assert.True(result.ExitCode == 73, result.ToString());
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"satchel: cache directory {root[..60]}… (from SATCHEL_ROOT) is {length} characters long; ", line, StringComparison.Ordinal);
        Assert.EndsWith(": set SATCHEL_ROOT to a shorter directory", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_dir.Path), e => e.Contains("dddd", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_as_cache_root_is_called_a_file()
    {
        var app = PackQuick();
        var file = _dir.Write("not-a-dir", "x");

        var result = ProcessRunner.Run(app, [], new Dictionary<string, string?> { ["SATCHEL_ROOT"] = file });

        Assert.True(result.ExitCode == 73, result.ToString());
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"satchel: cache directory {file} (from SATCHEL_ROOT) is a file, not a directory; set SATCHEL_ROOT to a directory (it is created if missing)", line);
    }

    [Fact]
    public void An_empty_home_is_called_empty_not_unset()
    {
        var app = PackQuick();
        var env = new Dictionary<string, string?> { ["SATCHEL_ROOT"] = null, ["XDG_CACHE_HOME"] = null, ["HOME"] = string.Empty };

        var result = ProcessRunner.Run(app, [], env);

        Assert.True(result.ExitCode == 73, result.ToString());
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("satchel: cannot place the cache: HOME is empty; set HOME, XDG_CACHE_HOME or SATCHEL_ROOT to a directory you own", line);
    }

    [Fact]
    public void A_relative_xdg_cache_home_is_ignored_as_the_xdg_specification_says()
    {
        var app = PackQuick();
        Directory.CreateDirectory(_dir.Combine("cwd"));
        var env = new Dictionary<string, string?> { ["SATCHEL_ROOT"] = null, ["XDG_CACHE_HOME"] = "relative-cache", ["HOME"] = _dir.Combine("home") };

        var result = ProcessRunner.Run(app, [], env, workingDirectory: _dir.Combine("cwd"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("cwd")));
        Assert.True(Directory.Exists(_dir.Combine("home", ".cache", "satchel", "v1", "units")));
    }

    [Fact]
    public void Cache_info_speaks_json_list_has_a_header_and_prune_takes_zero_seconds()
    {
        var app = PackQuick();
        Assert.Equal(0, ProcessRunner.Run(app, [], Root).ExitCode);

        var info = SatchelCli.Run(["cache", "info", "--json"], Root);
        Assert.True(info.ExitCode == 0, info.ToString());
        using (var json = JsonDocument.Parse(info.StdOut))
        {
            Assert.Equal(1, json.RootElement.GetProperty("units").GetProperty("count").GetInt32());
            Assert.Equal(1, json.RootElement.GetProperty("apps").GetInt32());
        }

        var list = SatchelCli.Run(["cache", "list"], Root);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.StartsWith("kind\tname\tsize\tlast use", list.StdOut, StringComparison.Ordinal);

        var prune = SatchelCli.Run(["cache", "prune", "--older-than", "0s"], Root);
        Assert.True(prune.ExitCode == 0, prune.ToString());
        Assert.Contains("removed 1 entry", prune.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_summary_goes_to_stderr_when_stdout_is_not_a_terminal()
    {
        _dir.Write("s.py", "print('x')\n");

        var result = SatchelCli.Run(["build", "--python", RealPythons.Python311, "--script", _dir.Combine("s.py"), "-o", _dir.Combine("app")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.StdOut);
        Assert.Contains("app id", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_name_that_is_not_utf8_is_named_as_given_with_what_to_do()
    {
        _dir.Write("named/run.sh", "#!/bin/sh\necho ran\n", executable: true);
        // Latin-1 "café.txt": byte 0xE9 alone is not UTF-8. .NET cannot write such a name, the shell can.
        var touch = ProcessRunner.Run("/bin/sh", ["-c", "touch \"$1/$(printf 'caf\\351.txt')\"", "sh", _dir.Combine("named")]);
        Assert.True(touch.ExitCode == 0, touch.ToString());

        var result = SatchelCli.Run(["pack", "named", "--entry", "run.sh", "-o", "out"], workingDirectory: _dir.Path);

        Assert.True(result.ExitCode == 65, result.ToString());
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("satchel: named/caf\uFFFD.txt: the file name is not valid UTF-8", line, StringComparison.Ordinal);
        Assert.Contains("--exclude", line, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("out")));

        var excluded = SatchelCli.Run(["pack", "named", "--entry", "run.sh", "-o", "out", "--exclude", "caf?.txt", "-q"], workingDirectory: _dir.Path);
        Assert.True(excluded.ExitCode == 0, excluded.ToString());
    }

    [Fact]
    public void A_symlink_loop_is_named_as_the_user_has_it_not_as_its_place_in_the_unit()
    {
        _dir.Write("looped/run.sh", "#!/bin/sh\necho ran\n", executable: true);
        File.CreateSymbolicLink(_dir.Combine("looped", "a"), "b");
        File.CreateSymbolicLink(_dir.Combine("looped", "b"), "a");
        _dir.Write("sources/pkg/__main__.py", "print(1)\n");
        File.CreateSymbolicLink(_dir.Combine("sources", "x"), "y");
        File.CreateSymbolicLink(_dir.Combine("sources", "y"), "x");

        var pack = SatchelCli.Run(["pack", "looped", "--entry", "run.sh", "-o", "out"], workingDirectory: _dir.Path);
        var build = SatchelCli.Run(["build", "--python", RealPythons.Python311, "--sources", "sources", "-m", "pkg", "-o", "out"], workingDirectory: _dir.Path);

        foreach (var (result, link) in new[] { (pack, "looped/a"), (build, "sources/x") })
        {
            Assert.True(result.ExitCode == 65, result.ToString());
            var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"satchel: {link}: cannot be packed: ", line, StringComparison.Ordinal);
            Assert.Contains("is part of a loop", line, StringComparison.Ordinal);
            Assert.DoesNotContain("site/", line, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(_dir.Combine("out")));
    }

    [RootFact]
    public void An_output_directory_that_cannot_be_written_is_named_with_the_systems_own_words()
    {
        _dir.Write("tree/run.sh", "#!/bin/sh\necho ran\n", executable: true);
        Directory.CreateDirectory(_dir.Combine("sealed"));
        using var readOnly = Satchel.Testing.Faults.ReadOnlyBind.Over(_dir.Combine("sealed"));

        var result = SatchelCli.Run(["pack", "tree", "--entry", "run.sh", "-o", "sealed/out"], workingDirectory: _dir.Path);

        Assert.True(result.ExitCode == 73, result.ToString());
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(": Read-only file system;", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" : '", line, StringComparison.Ordinal); // .NET's "Read-only file system : '/path'" form
    }

    public void Dispose() => _dir.Dispose();
}
