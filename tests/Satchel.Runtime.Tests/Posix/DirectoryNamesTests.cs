using Satchel.Runtime.Posix;
using Satchel.Testing;
using Xunit;

namespace Satchel.Runtime.Tests.Posix;

public sealed class DirectoryNamesTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-names");

    [Fact]
    public void Readdir_sees_exactly_what_dotnet_sees_links_included()
    {
        var random = new Random(4);
        for (var i = 0; i < 300; i++)
        {
            var name = (i % 3 == 0 ? "python3." : "p") + string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => "ab1-ü✓._"[random.Next(8)]));
            var path = _dir.Combine(name);
            if (File.Exists(path) || Directory.Exists(path))
            {
                continue;
            }

            switch (i % 4)
            {
                case 0: File.WriteAllText(path, ""); break;
                case 1: Directory.CreateDirectory(path); break;
                case 2: File.CreateSymbolicLink(path, "/nonexistent/target"); break;
                default: File.CreateSymbolicLink(path, "/bin/sh"); break;
            }
        }

        foreach (var prefix in new[] { "python3.", "p", "" })
        {
            var expected = Directory.EnumerateFileSystemEntries(_dir.Path).Select(Path.GetFileName).Where(n => n!.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);
            Assert.Equal(expected, DirectoryNames.StartingWith(_dir.Path, prefix).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void A_missing_directory_has_no_names() =>
        Assert.Empty(DirectoryNames.StartingWith(_dir.Combine("absent"), ""));

    public void Dispose() => _dir.Dispose();
}
