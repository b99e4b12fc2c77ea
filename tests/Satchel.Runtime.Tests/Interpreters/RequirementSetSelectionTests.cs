using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Interpreters;
using Satchel.Testing;
using Xunit;

namespace Satchel.Runtime.Tests.Interpreters;

/// <summary>
/// An app built for several interpreters (docs/interpreters.md, "Several interpreters"): the first
/// candidate in discovery order that one set accepts is chosen, with real interpreters.
/// </summary>
public sealed class RequirementSetSelectionTests : IDisposable
{
    private readonly InterpreterWorld _world = new();

    private static readonly InterpreterRequirementSet Sets = InterpreterRequirementSet.Parse(["==3.9.*", "==3.11.*", "==3.13.*"]);

    private string PathWith(string name, params string[] versions)
    {
        var bin = _world.NewDirectory(name);
        foreach (var version in versions)
        {
            var real = RealPythons.Binary(version);
            _world.Link(bin, Path.GetFileName(real), real);
        }

        return bin;
    }

    [Fact]
    public void The_first_candidate_in_discovery_order_that_a_set_accepts_wins_and_names_its_set()
    {
        // Discovery lists a directory's python3.X from the highest X down: 3.13 is first, 3.12 fits no set.
        var chosen = InterpreterSelector.Select(Sets, _world.Layout, Log.Quiet, InterpreterWorld.Environment([PathWith("a", "3.12.1", "3.11.7", "3.13.0")]));
        Assert.Equal("3.13.0", chosen.Version.ToString());
        Assert.Equal(2, Sets.IndexAccepting(chosen));

        var earlier = InterpreterSelector.Select(Sets, _world.Layout, Log.Quiet, InterpreterWorld.Environment([PathWith("b", "3.12.1", "3.10.13"), PathWith("c", "3.9.18")]));
        Assert.Equal("3.9.18", earlier.Version.ToString());
        Assert.Equal(0, Sets.IndexAccepting(earlier));
    }

    [Fact]
    public void Without_a_match_the_error_lists_the_candidates_and_every_supported_version()
    {
        var e = Assert.Throws<SatchelException>(() =>
            InterpreterSelector.Select(Sets, _world.Layout, Log.Quiet, InterpreterWorld.Environment([PathWith("d", "3.12.1", "3.10.13")])));
        Assert.Equal(ExitCodes.Unavailable, e.ExitCode);
        Assert.StartsWith("no Python interpreter matches ==3.9.* or ==3.11.* or ==3.13.*; tried [1] ", e.Message, StringComparison.Ordinal);
        Assert.Contains(": 3.12.1 does not satisfy ==3.9.* or ==3.11.* or ==3.13.*,", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_requirement_is_remembered_and_printed_exactly_as_before() =>
        Assert.Equal(
            ChoiceCache.KeyFor(InterpreterRequirement.Parse(">=3.9;impl=cp"), InterpreterWorld.Environment([])),
            ChoiceCache.KeyFor(InterpreterRequirementSet.Parse([">=3.9;impl=cp"]), InterpreterWorld.Environment([])));

    public void Dispose() => _world.Dispose();
}
