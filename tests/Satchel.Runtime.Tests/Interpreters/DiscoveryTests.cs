using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Interpreters;
using Satchel.Testing;
using Xunit;

namespace Satchel.Runtime.Tests.Interpreters;

public sealed class DiscoveryTests : IDisposable
{
    private readonly InterpreterWorld _world = new();

    private static IReadOnlyList<InterpreterCandidate> Discover(InterpreterEnvironment environment) =>
        InterpreterDiscovery.Discover(environment, Log.Quiet);

    [Fact]
    public void PATH_is_searched_in_order_and_each_real_binary_is_listed_once()
    {
        var first = _world.NewDirectory("first");
        var second = _world.NewDirectory("second");
        _world.Link(first, "python3", RealPythons.Python312);
        _world.Link(first, "python3.12", RealPythons.Python312);
        _world.Link(first, "python3.9", RealPythons.Python39);
        _world.Link(first, "python3.9-config", RealPythons.Python39 + "-config");
        _world.Link(second, "python", RealPythons.Python312);
        _world.Link(second, "python3.13", RealPythons.Python313);
        _world.Link(second, "python3.10", RealPythons.Python310);

        var found = Discover(InterpreterWorld.Environment([first, second]));

        Assert.Equal(
            [(Path.Combine(first, "python3"), RealPythons.Python312), (Path.Combine(first, "python3.9"), RealPythons.Python39),
             (Path.Combine(second, "python3.13"), RealPythons.Python313), (Path.Combine(second, "python3.10"), RealPythons.Python310)],
            found.Select(c => (c.Path, c.RealPath!)));
        Assert.All(found, c => Assert.Equal("PATH", c.Source));
        Assert.All(found, c => Assert.Null(c.Problem));
    }

    [Fact]
    public void A_pyenv_shim_is_resolved_to_the_version_pyenv_would_pick_and_never_run()
    {
        var root = _world.PyenvRoot("3.10.13", "3.12.1");
        File.WriteAllText(Path.Combine(root, "version"), "# global\n3.12.1\n");
        var shims = _world.NewDirectory("shims");
        var log = _world.Combine("shim-ran.log");
        _world.PyenvShim(shims, "python3", root, log);
        _world.PyenvShim(shims, "python3.10", root, log);

        var found = Discover(InterpreterWorld.Environment([shims], pyenvRoot: "/nonexistent/pyenv-root-of-this-process"));

        Assert.Equal(
            [Path.Combine(root, "versions", "3.12.1", "bin", "python3"), Path.Combine(root, "versions", "3.10.13", "bin", "python3.10")],
            found.Select(c => c.Path).Take(2));
        Assert.Equal([RealPythons.Python312, RealPythons.Python310], found.Select(c => c.RealPath).Take(2));
        Assert.StartsWith($"pyenv shim {Path.Combine(shims, "python3")}, version 3.12.1", found[0].Source);

        var selected = InterpreterSelector.Select(InterpreterRequirement.Parse("==3.10.*"), _world.Layout, Log.Quiet, InterpreterWorld.Environment([shims]));
        Assert.Equal(RealPythons.Python310, selected.Path);
        Assert.False(File.Exists(log), "a pyenv shim was executed");
    }

    [Fact]
    public void PYENV_VERSION_decides_what_an_unversioned_shim_stands_for_and_system_stands_for_nothing()
    {
        var root = _world.PyenvRoot("3.10.13", "3.12.1");
        var shims = _world.NewDirectory("shims");
        _world.PyenvShim(shims, "python3", root, _world.Combine("ran.log"));

        Assert.Equal([RealPythons.Python310], Discover(InterpreterWorld.Environment([shims], pyenvVersion: "3.10.13")).Select(c => c.RealPath));
        Assert.Equal([RealPythons.Python312, RealPythons.Python310],
            Discover(InterpreterWorld.Environment([shims], pyenvVersion: "system:3.12.1:3.10.13")).Select(c => c.RealPath));
        Assert.Empty(Discover(InterpreterWorld.Environment([shims], pyenvVersion: "system")));
    }

    [Fact]
    public void A_versioned_shim_finds_any_pyenv_version_that_has_that_name()
    {
        var root = _world.PyenvRoot("3.9.18", "3.12.1", "3.13.0");
        File.WriteAllText(Path.Combine(root, "version"), "3.13.0\n");
        var shims = _world.NewDirectory("shims");
        _world.PyenvShim(shims, "python3.9", root, _world.Combine("ran.log"));

        Assert.Equal([RealPythons.Python39], Discover(InterpreterWorld.Environment([shims])).Select(c => c.RealPath));
    }

    [Fact]
    public void A_wrapper_script_that_merely_mentions_pyenv_is_a_candidate_itself()
    {
        var bin = _world.NewDirectory("bin");
        var wrapper = _world.CountingWrapper(bin, "python3", RealPythons.Python311, _world.Combine("wrapper.log"));

        var found = Assert.Single(Discover(InterpreterWorld.Environment([bin])));
        Assert.Equal(wrapper, found.RealPath);
    }

    [Fact]
    public void Well_known_pyenv_versions_follow_PATH_highest_version_first()
    {
        var root = _world.PyenvRoot("3.9.18", "3.13.0", "3.10.13", "3.12.1");
        var bin = _world.NewDirectory("bin");
        _world.Link(bin, "python3", RealPythons.Python310);

        var found = Discover(InterpreterWorld.Environment([bin], pyenvRoot: root));

        Assert.Equal([RealPythons.Python310, RealPythons.Python313, RealPythons.Python312, RealPythons.Python39], found.Select(c => c.RealPath));
        Assert.Equal(["PATH", "pyenv", "pyenv", "pyenv"], found.Select(c => c.Source));
    }

    [Fact]
    public void Unusable_files_are_listed_with_their_problem()
    {
        var bin = _world.NewDirectory("bin");
        _world.Link(bin, "python3", _world.Combine("nowhere", "python3"));
        var plain = _world.Combine("bin", "python3.12");
        File.WriteAllText(plain, "not a program");
        _world.Link(bin, "python", RealPythons.Python311);

        var found = Discover(InterpreterWorld.Environment([bin]));

        Assert.Equal([("python3", "broken link"), ("python", null), ("python3.12", "not executable")],
            found.Select(c => (Path.GetFileName(c.Path), c.Problem)));
    }

    [Fact]
    public void Relative_and_empty_PATH_entries_are_ignored()
    {
        var bin = _world.NewDirectory("bin");
        _world.Link(bin, "python3", RealPythons.Python311);
        var environment = new InterpreterEnvironment($":.:bin:{bin}", null, null, null, null, []);
        var found = Assert.Single(Discover(environment));
        Assert.Equal(RealPythons.Python311, found.RealPath);
    }

    [Fact]
    public void SATCHEL_PYTHON_is_the_only_candidate_as_a_path_or_as_a_command_on_PATH()
    {
        var bin = _world.NewDirectory("bin");
        _world.Link(bin, "python3", RealPythons.Python311);
        _world.Link(bin, "mypython", RealPythons.Python39);

        var byPath = Assert.Single(Discover(InterpreterWorld.Environment([bin], satchelPython: RealPythons.Python313)));
        Assert.Equal((RealPythons.Python313, "SATCHEL_PYTHON"), (byPath.RealPath!, byPath.Source));

        var byName = Assert.Single(Discover(InterpreterWorld.Environment([bin], satchelPython: "mypython")));
        Assert.Equal((Path.Combine(bin, "mypython"), RealPythons.Python39), (byName.Path, byName.RealPath!));

        var missing = Assert.Single(Discover(InterpreterWorld.Environment([bin], satchelPython: "python9")));
        Assert.Equal("no such command on PATH", missing.Problem);
    }

    [Fact]
    public void A_star_in_a_system_directory_pattern_is_expanded()
    {
        var opt = _world.NewDirectory("opt");
        _world.NewDirectory(Path.Combine("opt", "python3.12", "bin"));
        _world.NewDirectory(Path.Combine("opt", "python3.11", "bin"));
        _world.NewDirectory(Path.Combine("opt", "python-nobin"));
        _world.NewDirectory(Path.Combine("opt", "other", "bin"));

        Assert.Equal([Path.Combine(opt, "python3.11", "bin"), Path.Combine(opt, "python3.12", "bin")],
            WellKnownLocations.Expand(Path.Combine(opt, "python*", "bin")));
        Assert.Equal([opt], WellKnownLocations.Expand(opt));
        Assert.Empty(WellKnownLocations.Expand(_world.Combine("absent", "python*", "bin")));
    }

    public void Dispose() => _world.Dispose();
}
