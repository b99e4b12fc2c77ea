using System.Text.Json;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Interpreters;

/// <summary>`satchel interpreters` run for real, with PATH and HOME pointing into a temp tree of links to real interpreters.</summary>
public sealed class InterpretersCommandTests : IDisposable
{
    private readonly InterpreterSandbox _sandbox = new();

    [Fact]
    public void Json_lists_the_candidates_with_facts_and_the_choice()
    {
        var bin = _sandbox.PathWith("3.9.18", "3.12.1", "3.13.0");

        var result = SatchelCli.Run(["interpreters", "--require", ">=3.10,<3.13", "--json"], _sandbox.Environment(bin));

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("schema").GetInt32());
        Assert.Equal(">=3.10,<3.13", root.GetProperty("requirement").GetString());
        Assert.Equal(RealPythons.Python312, root.GetProperty("chosen").GetString());
        var fromPath = root.GetProperty("candidates").EnumerateArray().Where(c => c.GetProperty("source").GetString() == "PATH").ToList();
        Assert.Equal(["3.13.0", "3.12.1", "3.9.18"], fromPath.Select(c => c.GetProperty("facts").GetProperty("version").GetString()));
        Assert.Equal([false, true, false], fromPath.Select(c => c.GetProperty("chosen").GetBoolean()));
        Assert.Equal("3.13.0 does not satisfy <3.13", fromPath[0].GetProperty("rejection").GetString());
        Assert.True(fromPath[1].GetProperty("facts").GetProperty("has_venv").GetBoolean());
        Assert.Equal("3.12", fromPath[1].GetProperty("facts").GetProperty("major_minor").GetString());
    }

    [Fact]
    public void Text_marks_the_chosen_interpreter_and_says_why_others_were_not()
    {
        var bin = _sandbox.PathWith("3.11.7", "3.12.1");

        var result = SatchelCli.Run(["interpreters", "-r", "==3.11.*"], _sandbox.Environment(bin));

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdOut.Split('\n');
        Assert.Equal("requirement: ==3.11.*", lines[0]);
        Assert.StartsWith($"- {Path.Combine(bin, "python3.12")} (PATH, -> {RealPythons.Python312}): CPython 3.12.1", lines[1]);
        Assert.EndsWith(": 3.12.1 does not satisfy ==3.11.*", lines[1]);
        Assert.StartsWith($"* {Path.Combine(bin, "python3.11")} (PATH, -> {RealPythons.Python311}): CPython 3.11.7", lines[2]);
        Assert.Contains($"chosen: {RealPythons.Python311}", result.StdOut);
    }

    [Fact]
    public void Requirements_joined_by_or_as_inspect_shows_them_match_what_one_of_them_accepts()
    {
        // What `inspect` prints for an app built for 3.9 and 3.13 (and `inspect --json`, joined by ||).
        var bin = _sandbox.PathWith("3.11.7", "3.13.0");

        var text = SatchelCli.Run(["interpreters", "--require", "==3.9.* or ==3.13.*"], _sandbox.Environment(bin));
        Assert.True(text.ExitCode == 0, text.ToString());
        var lines = text.StdOut.Split('\n');
        Assert.Equal("requirement: ==3.9.* or ==3.13.*", lines[0]);
        Assert.Contains(lines, l => l.StartsWith($"- {Path.Combine(bin, "python3.11")} ", StringComparison.Ordinal) && l.EndsWith(": 3.11.7 does not satisfy ==3.9.* or ==3.13.*", StringComparison.Ordinal));
        Assert.Contains($"chosen: {RealPythons.Python313}", text.StdOut);

        var json = SatchelCli.Run(["interpreters", "--require", "==3.9.* || ==3.13.*", "--json"], _sandbox.Environment(bin));
        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.StdOut);
        Assert.Equal("==3.9.* || ==3.13.*", document.RootElement.GetProperty("requirement").GetString());

        var empty = SatchelCli.Run(["interpreters", "--require", "==3.9.* or"], _sandbox.Environment(bin));
        Assert.True(empty.ExitCode == 64, empty.ToString());
        Assert.StartsWith("satchel: invalid Python requirement '==3.9.* or': an empty alternative; join requirements with ' or '", empty.StdErr);
    }

    [Fact]
    public void No_match_exits_69_and_a_bad_requirement_exits_64()
    {
        var bin = _sandbox.PathWith("3.11.7");

        var none = SatchelCli.Run(["interpreters", "--require", ">=4"], _sandbox.Environment(bin));
        Assert.Equal(69, none.ExitCode);
        Assert.Contains("3.11.7 does not satisfy >=4", none.StdOut);
        Assert.StartsWith("satchel: no interpreter here matches >=4", none.StdErr);

        var bad = SatchelCli.Run(["interpreters", "--require", ">=3.x"], _sandbox.Environment(bin));
        Assert.Equal(64, bad.ExitCode);
        Assert.StartsWith("satchel: invalid Python requirement '>=3.x'", bad.StdErr);
    }

    [Fact]
    public void SATCHEL_PYTHON_makes_it_the_only_candidate()
    {
        var bin = _sandbox.PathWith("3.11.7", "3.12.1");

        var result = SatchelCli.Run(["interpreters", "--json"], _sandbox.Environment(bin, satchelPython: RealPythons.Python310));

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StdOut);
        var only = Assert.Single(json.RootElement.GetProperty("candidates").EnumerateArray());
        Assert.Equal(("SATCHEL_PYTHON", RealPythons.Python310), (only.GetProperty("source").GetString(), only.GetProperty("real_path").GetString()));
    }

    [Fact]
    public void The_command_is_listed_in_help_and_its_own_help_prints_its_options()
    {
        var help = SatchelCli.Run(["--help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("pack", help.StdOut);
        Assert.Contains("interpreters", help.StdOut);

        var own = SatchelCli.Run(["interpreters", "--help"]);
        Assert.Equal(0, own.ExitCode);
        Assert.Contains("--require", own.StdOut);
    }

    public void Dispose() => _sandbox.Dispose();
}
