using Satchel.Runtime.Interpreters;
using Satchel.Testing;
using Xunit;

namespace Satchel.Runtime.Tests.Interpreters;

/// <summary>
/// pyenv's version selection, read once for the build and the launcher: the launcher never reads a
/// directory's .python-version (no starting directory), the build does (its working directory).
/// </summary>
public sealed class PyenvSelectionTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-pyenvsel");

    public PyenvSelectionTests()
    {
        _dir.Write("root/version", "# the global one\n\n3.11.7 ignored-word\n3.12\n");
        _dir.Write("project/.python-version", "3.9.18\n");
        Directory.CreateDirectory(_dir.Combine("project", "src", "deep"));
    }

    [Fact]
    public void Pyenv_version_wins_over_every_file()
    {
        var selected = PyenvShims.SelectedVersions(_dir.Combine("root"), "3.10:system", _dir.Combine("project"));

        Assert.Equal(["3.10", "system"], selected!.Value.Names);
        Assert.Equal("PYENV_VERSION", selected.Value.Origin);
    }

    [Fact]
    public void With_a_starting_directory_the_nearest_python_version_file_upwards_is_read()
    {
        var selected = PyenvShims.SelectedVersions(_dir.Combine("root"), null, _dir.Combine("project", "src", "deep"));

        Assert.Equal(["3.9.18"], selected!.Value.Names);
        Assert.Equal(_dir.Combine("project", ".python-version"), selected.Value.Origin);
    }

    [Fact]
    public void Without_one_only_the_global_file_counts_first_word_per_line_comments_and_blanks_skipped()
    {
        var selected = PyenvShims.SelectedVersions(_dir.Combine("root"), null, localStart: null);

        Assert.Equal(["3.11.7", "3.12"], selected!.Value.Names);
        Assert.Equal(_dir.Combine("root", "version"), selected.Value.Origin);
    }

    [Fact]
    public void Nothing_selects_a_version_when_there_is_no_file()
    {
        Assert.Null(PyenvShims.SelectedVersions(_dir.Combine("no-root"), null, localStart: null));
    }

    public void Dispose() => _dir.Dispose();
}
