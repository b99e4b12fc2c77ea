using Satchel.Runtime.Cache;
using Satchel.Testing;
using Xunit;

namespace Satchel.Runtime.Tests.Cache;

/// <summary>The one atomic-write helper: unique siblings, new files that refuse what is there, replacements readers never see half-done.</summary>
public sealed class AtomicPathTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-atomic");

    [Fact]
    public void Siblings_are_unique_and_say_what_they_are()
    {
        var final = _dir.Combine("unit");

        var names = Enumerable.Range(0, 200).Select(_ => AtomicPath.Sibling(final, AtomicDirectory.WorkInfix)).ToHashSet();

        Assert.Equal(200, names.Count);
        Assert.All(names, n => Assert.StartsWith($"{final}.work-{Environment.ProcessId}-", n, StringComparison.Ordinal));
        Assert.All(names, n => Assert.Equal(8, n.Length - n.LastIndexOf('-') - 1));
    }

    [Fact]
    public void A_new_file_is_private_and_never_overwrites()
    {
        var path = _dir.Combine("marker");

        AtomicPath.WriteNewFile(path, "format=1\n");

        Assert.Equal("format=1\n", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path) & ~(UnixFileMode.GroupRead | UnixFileMode.OtherRead));
        Assert.Throws<IOException>(() => AtomicPath.WriteNewFile(path, "other\n"));
        Assert.Equal("format=1\n", File.ReadAllText(path));
    }

    [Fact]
    public async Task Concurrent_replacements_leave_one_whole_file_and_no_siblings()
    {
        var path = _dir.Combine("records", "facts");
        var contents = Enumerable.Range(0, 16).Select(i => new string((char)('a' + i), 64 * 1024) + "\n").ToArray();
        var torn = 0;
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (!contents.Contains(File.ReadAllText(path)))
                    {
                        torn++;
                    }
                }
                catch (IOException)
                {
                    // Not there yet.
                }
            }
        });

        Parallel.For(0, 64, i => AtomicPath.ReplaceFile(path, contents[i % contents.Length]));
        stop.Cancel();
        await reader;

        Assert.Contains(File.ReadAllText(path), contents);
        Assert.Equal(0, torn);
        Assert.Equal([path], Directory.GetFileSystemEntries(_dir.Combine("records")));
    }

    public void Dispose() => _dir.Dispose();
}
