using Satchel.Runtime.Cache;
using Satchel.Runtime.Errors;
using Satchel.Testing;
using Xunit;

namespace Satchel.Runtime.Tests.Cache;

/// <summary>Work directories are made with mkdir(2), 0700, and never taken over when something is already at the path.</summary>
public sealed class NewPrivateDirectoryTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-newdir");

    [Fact]
    public void A_new_directory_is_private()
    {
        var path = _dir.Combine("work");
        AtomicDirectory.CreateNewPrivateDirectory(path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_symlink_planted_at_the_path_is_refused_and_not_followed()
    {
        var elsewhere = _dir.Combine("elsewhere");
        Directory.CreateDirectory(elsewhere);
        var path = _dir.Combine("work");
        File.CreateSymbolicLink(path, elsewhere);

        var e = Assert.Throws<SatchelException>(() => AtomicDirectory.CreateNewPrivateDirectory(path));

        Assert.Equal(ExitCodes.CantCreate, e.ExitCode);
        Assert.StartsWith($"cannot create directory {path}: something is already there", e.Message);
        Assert.Equal(elsewhere, new FileInfo(path).LinkTarget);
    }

    [Fact]
    public void An_existing_directory_is_refused()
    {
        var path = _dir.Combine("work");
        Directory.CreateDirectory(path);
        Assert.Equal(ExitCodes.CantCreate, Assert.Throws<SatchelException>(() => AtomicDirectory.CreateNewPrivateDirectory(path)).ExitCode);
    }

    [Fact]
    public void A_missing_parent_is_an_io_error_with_the_errno()
    {
        var path = _dir.Combine("missing", "work");
        var e = Assert.Throws<IOException>(() => AtomicDirectory.CreateNewPrivateDirectory(path));
        Assert.Equal(2, e.HResult);
        Assert.Contains(path, e.Message);
    }

    public void Dispose() => _dir.Dispose();
}
