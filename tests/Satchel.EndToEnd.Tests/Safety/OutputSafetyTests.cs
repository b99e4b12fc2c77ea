using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Safety;

/// <summary>
/// `-o` never replaces or swallows what a build reads: an output that is an input (also through
/// a link) or a user's file inside an input directory is refused before any work, and an output
/// inside a packed directory is never packed into the next build.
/// </summary>
public sealed class OutputSafetyTests : IDisposable
{
    private static readonly string Python = RealPythons.Python311;
    private readonly TempDirectory _dir = new("satchel-outsafety");

    public OutputSafetyTests()
    {
        _dir.Write("src/hello.py", "print('hello')\n");
        _dir.Write("s.py", "print('script')\n");
        _dir.Write("r.txt", "# nothing\n");
        _dir.Write("pack/run.sh", "#!/bin/sh\necho packed\n", executable: true);
        _dir.Write("wheels/keep.whl", "not really a wheel\n");
        File.CreateSymbolicLink(_dir.Combine("link-to-s.py"), _dir.Combine("s.py"));
    }

    public static TheoryData<string[], string, string> Collisions => new()
    {
        { ["build", "--python", Python, "--sources", "src", "-m", "hello", "-o", "src/hello.py"], "src/hello.py", "--sources src" },
        { ["build", "--python", Python, "--script", "s.py", "-o", "s.py"], "s.py", "--script s.py" },
        { ["build", "--python", Python, "--script", "s.py", "-o", "link-to-s.py"], "s.py", "--script s.py" },
        { ["build", "--python", Python, "-r", "r.txt", "--script", "s.py", "-o", "r.txt"], "r.txt", "-r r.txt" },
        { ["build", "--python", Python, "--constraint", "r.txt", "--script", "s.py", "-o", "r.txt"], "r.txt", "--constraint r.txt" },
        { ["build", "--python", Python, "--no-index", "-f", "wheels", "--script", "s.py", "-o", "wheels/keep.whl"], "wheels/keep.whl", "-f wheels" },
        { ["build", "--python", Python, "--script", "s.py", "--include", "r.txt", "-o", "r.txt"], "r.txt", "--include r.txt" },
        { ["lock", "--python", Python, "-r", "r.txt", "-o", "r.txt"], "r.txt", "-r r.txt" },
        { ["pack", "pack", "--entry", "run.sh", "-o", "pack/run.sh"], "pack/run.sh", "pack" },
    };

    [Theory]
    [MemberData(nameof(Collisions))]
    public void An_output_that_is_an_input_is_refused_and_the_input_is_kept(string[] args, string victim, string named)
    {
        var before = File.ReadAllBytes(_dir.Combine(victim));

        var result = SatchelCli.Run(args, workingDirectory: _dir.Path);

        Assert.True(result.ExitCode == 64, result.ToString());
        Assert.Equal(before, File.ReadAllBytes(_dir.Combine(victim)));
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("satchel: -o ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path, "*.satchel-build*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Rebuilding_with_the_output_inside_sources_packs_neither_the_old_app_nor_the_staging()
    {
        Directory.CreateDirectory(_dir.Combine("elsewhere"));
        var reference = Build("elsewhere/app");

        // Three builds into the sources directory: each must equal the build written elsewhere
        // (builds are reproducible), so neither the previous app nor the staging lock got in.
        for (var i = 0; i < 3; i++)
        {
            var inside = Build("src/app");
            Assert.Equal(reference, inside);
        }
    }

    [Fact]
    public void Packing_a_directory_holding_its_own_output_leaves_the_output_out()
    {
        Directory.CreateDirectory(_dir.Combine("elsewhere"));
        var reference = PackTo("elsewhere/app");
        Assert.Equal(reference, PackTo("pack/app"));
        Assert.Equal(reference, PackTo("pack/app"));
    }

    private byte[] Build(string output)
    {
        var result = SatchelCli.Run(["build", "--python", Python, "--sources", "src", "-m", "hello", "-o", output, "-q"], workingDirectory: _dir.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        return File.ReadAllBytes(_dir.Combine(output));
    }

    private byte[] PackTo(string output)
    {
        var result = SatchelCli.Run(["pack", "pack", "--entry", "run.sh", "-o", output, "-q"], workingDirectory: _dir.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        return File.ReadAllBytes(_dir.Combine(output));
    }

    public void Dispose() => _dir.Dispose();
}
