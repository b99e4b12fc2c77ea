using Satchel.Build.Output;
using Satchel.Runtime.Removal;
using Satchel.Testing;
using Satchel.Testing.Faults;
using Xunit;

namespace Satchel.Build.Tests.Output;

/// <summary>The staging directory's lifecycle as a library type: what it sweeps, what it removes, and that clean-up only ever warns.</summary>
public sealed class BuildDirectoryTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-staging");
    private readonly List<string> _warnings = [];
    private readonly FaultScope _faults;

    public BuildDirectoryTests() => _faults = new FaultScope(_dir.Path);

    private string Output => _dir.Combine("app");

    private BuildDirectory Open() => BuildDirectory.Open(Output, warn: _warnings.Add);

    private string[] Entries() => [.. Directory.EnumerateFileSystemEntries(_dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public void Staging_is_created_beside_the_output_and_removed_on_dispose()
    {
        using (var staging = Open())
        {
            Assert.Equal(Output + BuildDirectory.Suffix, staging.Path);
            File.WriteAllText(Path.Combine(staging.Path, "material"), "temporary");
        }

        Assert.Empty(Entries());
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Tombstones_of_earlier_failed_removals_and_stale_alternates_are_swept()
    {
        _dir.Write($"app{BuildDirectory.Suffix}{Tombstone.Infix}0badc0de/x/y", "left by a failed removal");
        _dir.Write($"app{BuildDirectory.Suffix}-12345678/z", "a crashed concurrent build");
        _dir.Write("app.satchel-builder-notes.txt", "not ours: a different name");

        using (Open())
        {
            Assert.Equal(["app.satchel-build", "app.satchel-builder-notes.txt"], Entries());
        }

        Assert.Equal(["app.satchel-builder-notes.txt"], Entries());
    }

    [Fact]
    public void An_output_path_that_is_a_directory_fails_before_anything_is_created()
    {
        Directory.CreateDirectory(Output);

        var error = Assert.Throws<Runtime.Errors.SatchelException>(Open);

        Assert.Contains("is a directory; name an output file with -o", error.Message, StringComparison.Ordinal);
        Assert.Equal(["app"], Entries());
    }

    [RootFact]
    public void A_staging_directory_that_cannot_be_removed_is_one_warning_naming_the_path_never_an_exception()
    {
        string locked;
        using (var staging = Open())
        {
            locked = Path.Combine(staging.Path, "held", "locked.bin");
            Directory.CreateDirectory(Path.GetDirectoryName(locked)!);
            File.WriteAllText(locked, "x");
            _faults.MakeImmutable(locked);
        }

        var warning = Assert.Single(_warnings);
        Assert.Contains($"cannot remove {Output}{BuildDirectory.Suffix} (moved aside to ", warning, StringComparison.Ordinal);
        Assert.Matches(@"\.satchel-build\.satchel-del-[0-9a-f]{8}/held/locked\.bin \(Operation not permitted", warning);
    }

    public void Dispose()
    {
        _faults.Dispose();
        _dir.Dispose();
    }
}
