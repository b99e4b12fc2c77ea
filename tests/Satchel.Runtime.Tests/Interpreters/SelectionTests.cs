using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Interpreters;
using Satchel.Testing;
using Xunit;

namespace Satchel.Runtime.Tests.Interpreters;

public sealed class SelectionTests : IDisposable
{
    private readonly InterpreterWorld _world = new();

    /// <summary>A PATH directory with python3.X links to every real interpreter, and python to 2.7.</summary>
    private string AllPythons()
    {
        var bin = _world.NewDirectory("all");
        foreach (var version in RealPythons.Versions)
        {
            var real = RealPythons.Binary(version);
            _world.Link(bin, Path.GetFileName(real), real);
        }

        _world.Link(bin, "python", RealPythons.Python27);
        return bin;
    }

    private InterpreterFacts Select(string requirement, InterpreterEnvironment environment) =>
        InterpreterSelector.Select(InterpreterRequirement.Parse(requirement), _world.Layout, Log.Quiet, environment);

    [Theory]
    [InlineData(">=3.12", "3.13.0")]
    [InlineData(">=3.12,<3.13", "3.12.1")]
    [InlineData("==3.9.*", "3.9.18")]
    [InlineData("~=3.10.0", "3.10.13")]
    [InlineData("<3", "2.7.18")]
    [InlineData(";abi=cp37m", "3.7.16")]
    [InlineData("!=3.13.*,>=3.11;impl=cp;abi=cp311", "3.11.7")]
    public void The_first_matching_interpreter_is_chosen(string requirement, string version)
    {
        var chosen = Select(requirement, InterpreterWorld.Environment([AllPythons()]));

        Assert.Equal(version, chosen.Version.ToString());
        Assert.Equal(version.StartsWith('2') ? RealPythons.Python27 : RealPythons.Binary(version), chosen.Path);
    }

    [Theory]
    [InlineData(">=3.12", "3.12.1", "3.12.1")]
    [InlineData("==3.11.*", "3.11.7", "3.11.7")]
    [InlineData(">=3.12", "3.12.0", "3.13.0")] // not installed: discovery order decides
    [InlineData(">=3.12", "3.11.7", "3.13.0")] // installed, but outside the requirement
    public void The_build_interpreters_version_is_preferred_among_the_matches_and_remembered_apart(string requirement, string preferred, string version)
    {
        var environment = InterpreterWorld.Environment([AllPythons()]);
        var parsed = InterpreterRequirement.Parse(requirement);

        var chosen = InterpreterSelector.Select(parsed, _world.Layout, Log.Quiet, environment, PythonVersion.Parse(preferred));
        Assert.Equal(version, chosen.Version.ToString());

        // The remembered choice with a preference is not the one without, and each answers again.
        var first = InterpreterSelector.Select(parsed, _world.Layout, Log.Quiet, environment).Version;
        Assert.Equal(version, InterpreterSelector.Select(parsed, _world.Layout, Log.Quiet, environment, PythonVersion.Parse(preferred)).Version.ToString());
        Assert.Equal(first, InterpreterSelector.Select(parsed, _world.Layout, Log.Quiet, environment).Version);
        Assert.Equal(requirement == ">=3.12" ? "3.13.0" : "3.11.7", first.ToString());
    }

    [Fact]
    public void No_match_lists_every_candidate_with_its_reason_in_one_line()
    {
        var bin = AllPythons();
        _world.Script(bin, "python3", "#!/bin/sh\necho 'Fatal Python error: init_fs_encoding' >&2\nexit 1\n");
        var stale = _world.Combine("all", "python3.99");
        File.WriteAllText(stale, "");

        var e = Assert.Throws<SatchelException>(() => Select(">=4", InterpreterWorld.Environment([bin])));

        Assert.Equal(ExitCodes.Unavailable, e.ExitCode);
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith("no Python interpreter matches >=4; tried [1] ", e.Message);
        Assert.Contains($"{Path.Combine(bin, "python3")}: failed to run (exit status 1): Fatal Python error: init_fs_encoding", e.Message);
        Assert.Contains($"{Path.Combine(bin, "python")}: 2.7.18 does not satisfy >=4", e.Message);
        Assert.Contains($"{stale}: not executable", e.Message);
        foreach (var version in RealPythons.Versions)
        {
            var path = Path.Combine(bin, Path.GetFileName(RealPythons.Binary(version)));
            Assert.Contains($"{path}: {version} does not satisfy >=4", e.Message);
        }

        Assert.Equal(RealPythons.Versions.Length + 3, e.Message.Split("] ").Length - 1);
        Assert.EndsWith("install a Python that matches >=4, or set SATCHEL_PYTHON to one", e.Message);
    }

    [Fact]
    public void A_SATCHEL_PYTHON_that_does_not_match_is_an_error_naming_it()
    {
        var bin = AllPythons();
        var e = Assert.Throws<SatchelException>(() =>
            Select(">=3.12", InterpreterWorld.Environment([bin], satchelPython: RealPythons.Python310)));

        Assert.Equal(ExitCodes.Unavailable, e.ExitCode);
        Assert.StartsWith($"SATCHEL_PYTHON={RealPythons.Python310} cannot run this app, which needs >=3.12: {RealPythons.Python310}: 3.10.13 does not satisfy >=3.12", e.Message);
        Assert.Contains("unset it", e.Message);
        Assert.DoesNotContain("python3.13", e.Message);
    }

    [Fact]
    public void A_SATCHEL_PYTHON_that_matches_is_used_even_when_PATH_has_a_preferred_one()
    {
        var chosen = Select(">=3.9", InterpreterWorld.Environment([AllPythons()], satchelPython: RealPythons.Python310));
        Assert.Equal(RealPythons.Python310, chosen.Path);
    }

    [Fact]
    public void Nothing_found_at_all_says_where_it_looked()
    {
        var e = Assert.Throws<SatchelException>(() => Select(">=3.9", InterpreterWorld.Environment([_world.NewDirectory("empty")])));
        Assert.Equal(ExitCodes.Unavailable, e.ExitCode);
        Assert.StartsWith("no Python interpreter found on PATH or in the usual places", e.Message);
        Assert.Contains("needs >=3.9", e.Message);
    }

    /// <summary>
    /// No pre-release CPython is installed here, so a script answers the probe the way a 3.14.0a1
    /// would (a test double for the interpreter only; the selector under test is the real one).
    /// </summary>
    [Fact]
    public void A_pre_release_is_chosen_only_when_no_final_release_matches()
    {
        var bin = _world.NewDirectory("bin");
        _world.Script(bin, "python3", "#!/bin/sh\nprintf 'implementation=cpython\\0version_info=3.14.0.alpha.1\\0abiflags=\\0machine=x86_64\\0executable=/x/python3\\0prefix=/x\\0base_prefix=/x\\0venv=0\\0stdlib=/x/lib\\0has_venv=1\\0has_ensurepip=1'\n");
        _world.Link(bin, "python3.12", RealPythons.Python312);
        var environment = InterpreterWorld.Environment([bin]);

        Assert.Equal("3.12.1", Select(">=3.12", environment).Version.ToString());
        Assert.Equal("3.14.0a1", Select(">=3.13", environment).Version.ToString());
        Assert.Equal("3.14.0a1", Select(">=3.12.0a1", environment).Version.ToString());

        var survey = InterpreterSelector.Survey(InterpreterRequirement.Parse(">=3.12"), _world.Layout, Log.Quiet, environment);
        Assert.Equal(1, survey.ChosenIndex);
        Assert.StartsWith("3.14.0a1 is a pre-release", survey.Verdicts[0].Rejection);
    }

    [Fact]
    public void A_remembered_choice_belongs_to_the_environment_it_was_made_in()
    {
        var newer = _world.NewDirectory("newer");
        var older = _world.NewDirectory("older");
        _world.Link(newer, "python3", RealPythons.Python312);
        _world.Link(older, "python3", RealPythons.Python311);

        Assert.Equal(RealPythons.Python312, Select(">=3.9", InterpreterWorld.Environment([newer])).Path);
        Assert.Equal(RealPythons.Python311, Select(">=3.9", InterpreterWorld.Environment([older])).Path);
        Assert.Equal(RealPythons.Python310, Select(">=3.9", InterpreterWorld.Environment([older], satchelPython: RealPythons.Python310)).Path);
    }

    [Fact]
    public void A_remembered_choice_is_sticky_until_its_binary_changes_while_a_survey_searches_afresh()
    {
        var bin = _world.NewDirectory("bin");
        _world.Link(bin, "python3.11", RealPythons.Python311);
        var environment = InterpreterWorld.Environment([bin]);
        Assert.Equal(RealPythons.Python311, Select(">=3.9", environment).Path);

        _world.Link(bin, "python3.13", RealPythons.Python313);

        Assert.Equal(RealPythons.Python311, Select(">=3.9", environment).Path);
        var survey = InterpreterSelector.Survey(InterpreterRequirement.Parse(">=3.9"), _world.Layout, Log.Quiet, environment);
        Assert.Equal(RealPythons.Python313, survey.Chosen!.Facts!.Path);
    }

    [Fact]
    public void The_search_stops_where_the_first_match_is_found()
    {
        var first = _world.NewDirectory("first");
        var later = _world.NewDirectory("later");
        _world.Link(first, "python3", RealPythons.Python312);
        var root = _world.PyenvRoot("3.13.0");
        File.WriteAllText(Path.Combine(root, "version"), "3.13.0\n");
        _world.PyenvShim(later, "python3", root, _world.Combine("ran.log"));
        var environment = InterpreterWorld.Environment([first, later]);
        string SelectLogged(string requirement)
        {
            using var lines = new StringWriter();
            InterpreterSelector.Select(InterpreterRequirement.Parse(requirement), _world.Layout, new Log(true, lines), environment);
            return lines.ToString();
        }

        Assert.DoesNotContain("pyenv shim", SelectLogged(">=3.12"));
        Assert.Contains($"{Path.Combine(later, "python3")} is a pyenv shim for 3.13.0", SelectLogged(">=3.13"));
    }

    public void Dispose() => _world.Dispose();
}
