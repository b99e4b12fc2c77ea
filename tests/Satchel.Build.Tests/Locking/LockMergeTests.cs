using Satchel.Build.Locking;
using Satchel.Build.Resolution;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Interpreters;
using Xunit;

namespace Satchel.Build.Tests.Locking;

/// <summary>A lock for several interpreters: what is shared goes unmarked, the rest gets python_version markers that build --lock evaluates.</summary>
public sealed class LockMergeTests
{
    private static BuildInterpreter Python(string version) =>
        new($"/py/{version}", $"/py/{version}", Version.Parse(version), version, "cpython", null);

    private static LockedPackage Wheel(string name, string version, string file, char hash) =>
        new(name, version, new LockedWheel(file, null, "wheels/" + file, 10, new string(hash, 64)), null, "wheels");

    [Theory]
    [InlineData("==3.11.*", "3.11.7")]
    [InlineData(">=3.9,<3.12,!=3.10.*", "3.9.18", "3.11.7")]
    [InlineData(">=3.9,<3.14,!=3.10.*,!=3.12.*", "3.13.0", "3.9.18", "3.11.7")]
    [InlineData(">=3.10,<3.12", "3.10.13", "3.11.7")]
    public void Requires_python_admits_exactly_the_locked_versions(string expected, params string[] versions)
    {
        Assert.Equal(expected, LockMerge.RequiresPython([.. versions.Select(Version.Parse)]));
        Assert.True(SpecifierSet.TryParse(expected, out var set, out var error), error);
        foreach (var minor in Enumerable.Range(6, 10))
        {
            Assert.Equal(versions.Any(v => v.StartsWith($"3.{minor}.", StringComparison.Ordinal)), set.Contains(PythonVersion.Parse($"3.{minor}.1"), allowPrereleases: false));
        }
    }

    [Fact]
    public void Shared_packages_are_unmarked_the_others_marked_and_each_interpreter_gets_its_own_back()
    {
        var pure = Wheel("pure", "1.0", "pure-1.0-py3-none-any.whl", 'a');
        var ext39 = Wheel("ext", "1.0", "ext-1.0-cp39-cp39-linux_x86_64.whl", 'b');
        var ext313 = Wheel("ext", "1.0", "ext-1.0-cp313-cp313-linux_x86_64.whl", 'c');
        var onlyNew = Wheel("new", "2.0", "new-2.0-py3-none-any.whl", 'd');
        var (py39, py313) = (Python("3.9.18"), Python("3.13.0"));
        var merged = LockMerge.Merge([
            (py39, new PylockDocument("1.0", "==3.9.*", "satchel", [pure, ext39])),
            (py313, new PylockDocument("1.0", "==3.13.*", "satchel", [pure, ext313, onlyNew])),
        ]);

        Assert.Equal(">=3.9,<3.14,!=3.10.*,!=3.11.*,!=3.12.*", merged.RequiresPython);
        Assert.Equal([null, "python_version == \"3.9\"", "python_version == \"3.13\"", "python_version == \"3.13\""], merged.Packages.Select(p => p.Marker));
        Assert.Equal([pure, ext39], PythonVersionMarker.Select(merged, "pylock.toml", py39).Packages.Select(p => p with { Marker = null }));
        Assert.Equal([pure, ext313, onlyNew], PythonVersionMarker.Select(merged, "pylock.toml", py313).Packages.Select(p => p with { Marker = null }));
        Assert.DoesNotContain(PythonVersionMarker.Select(merged, "pylock.toml", Python("3.11.7")).Packages, p => p.Name == "ext");
    }

    [Theory]
    [InlineData("python_version >= \"3.9\"")]
    [InlineData("sys_platform == \"linux\"")]
    [InlineData("python_version == \"3.9\" and python_version == \"3.11\"")]
    public void A_marker_satchel_does_not_write_is_refused_not_guessed(string marker)
    {
        var document = new PylockDocument("1.0", null, "x", [Wheel("ext", "1.0", "ext-1.0-py3-none-any.whl", 'b') with { Marker = marker }]);
        var e = Assert.Throws<SatchelException>(() => PythonVersionMarker.Select(document, "pylock.toml", Python("3.9.18")));
        Assert.Equal(ExitCodes.Data, e.ExitCode);
        Assert.Contains($"has the marker '{marker}', and satchel evaluates only", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_entries_left_for_one_interpreter_are_refused()
    {
        var document = new PylockDocument("1.0", null, "x", [
            Wheel("ext", "1.0", "ext-1.0-py3-none-any.whl", 'b') with { Marker = "python_version == \"3.9\"" },
            Wheel("ext", "2.0", "ext-2.0-py3-none-any.whl", 'c') with { Marker = "python_version == \"3.9\" or python_version == \"3.11\"" },
        ]);
        var e = Assert.Throws<SatchelException>(() => PythonVersionMarker.Select(document, "pylock.toml", Python("3.9.18")));
        Assert.Contains("it locks ext 2 times for Python 3.9", e.Message, StringComparison.Ordinal);
    }
}
