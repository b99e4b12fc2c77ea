using System.Text.RegularExpressions;
using Satchel.Testing;
using Satchel.Testing.PackageIndex;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.EndToEnd.Tests.Safety;

/// <summary>What `satchel build` shows while it works: one line per stage with counts and time in a log, a live display on a terminal.</summary>
public sealed partial class ProgressTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-progress");

    private string[] BuildArgs(string output)
    {
        var links = _dir.Combine("links");
        CraftedWheel.Write(links, "progressdep", "1.0");
        new WheelBuilder("progressapp", "1.0")
            .AddFile("progressapp/__init__.py", string.Empty)
            .AddFile("progressapp/__main__.py", "import progressdep\nprint(progressdep.__version__)\n")
            .AddDistInfoFile("METADATA", "Metadata-Version: 2.1\nName: progressapp\nVersion: 1.0\nRequires-Dist: progressdep\n")
            .Build(links);
        return ["build", "--python", RealPythons.Python311, "--no-index", "-f", links, "progressapp", "-m", "progressapp", "-o", output];
    }

    [Fact]
    public void Without_a_terminal_each_stage_is_one_line_on_stderr_with_what_it_did_and_its_time()
    {
        var result = SatchelCli.Run(BuildArgs(_dir.Combine("app")));

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdErr.Split('\n').Where(l => l.StartsWith("satchel: ", StringComparison.Ordinal)).ToList();
        // pip gives no total: the count is of the distributions its output names (at least the one asked for).
        Assert.Contains(lines, l => ResolutionLine().IsMatch(l));
        Assert.Contains(lines, l => l.StartsWith("satchel: installing wheels: 2 wheels, ", StringComparison.Ordinal) && Timed().IsMatch(l));
        var compressing = Assert.Single(lines, l => l.StartsWith("satchel: compressing ", StringComparison.Ordinal));
        Assert.Matches(CompressionLine(), compressing);
        Assert.DoesNotContain(lines, l => Fraction().IsMatch(l)); // a finished stage says what it did, not "n/N"
    }

    [Fact]
    public void On_a_terminal_a_live_display_shows_the_counts_of_each_stage()
    {
        var args = BuildArgs(_dir.Combine("app"));
        var command = string.Join(' ', new[] { SatchelCli.Binary }.Concat(args).Select(ShellWord));

        // script(1) gives the build a pseudo-terminal, as a user's shell would.
        var result = ProcessRunner.Run("/usr/bin/script", ["-qec", command, "/dev/null"],
            new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["COLUMNS"] = "160" });

        Assert.True(result.ExitCode == 0, result.ToString());
        var screen = AnsiEscape().Replace(result.StdOut, string.Empty);
        Assert.Contains("installing wheels: 2 wheels", screen, StringComparison.Ordinal);
        Assert.Matches(@"compressing \d+ units: \d+ files, \d+\.\d MiB", screen);
        Assert.Contains("app id", screen, StringComparison.Ordinal);
    }

    private static string ShellWord(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^satchel: resolving with pip: [1-9]\d* distributions found, \d+\.\d s$")]
    private static partial Regex ResolutionLine();

    [GeneratedRegex(@"^satchel: compressing \d+ units: \d+ files, \d+\.\d MiB, \d+\.\d s$")]
    private static partial Regex CompressionLine();

    [GeneratedRegex(@", \d+\.\d s$")]
    private static partial Regex Timed();

    [GeneratedRegex(@"\d+/\d+ ")]
    private static partial Regex Fraction();

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")]
    private static partial Regex AnsiEscape();

    public void Dispose() => _dir.Dispose();
}
