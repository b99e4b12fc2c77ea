using Satchel.Build.Packing;
using Satchel.Runtime.Errors;
using Xunit;

namespace Satchel.Build.Tests.Packing;

/// <summary>gitignore's matching rules for `--exclude`, path by path.</summary>
public sealed class ExcludePatternTests
{
    [Theory]
    [InlineData("*.log", "a.log", false, true)]
    [InlineData("*.log", "deep/er/a.log", false, true)]
    [InlineData("*.log", "a.log.txt", false, false)]
    [InlineData("build/", "build", true, true)]
    [InlineData("build/", "build", false, false)]
    [InlineData("build/", "src/build", true, true)]
    [InlineData("/top.txt", "top.txt", false, true)]
    [InlineData("/top.txt", "sub/top.txt", false, false)]
    [InlineData("docs/*.md", "docs/a.md", false, true)]
    [InlineData("docs/*.md", "x/docs/a.md", false, false)]
    [InlineData("docs/*.md", "docs/a/b.md", false, false)]
    [InlineData("docs/**/*.md", "docs/a.md", false, true)]
    [InlineData("docs/**/*.md", "docs/a/b/c.md", false, true)]
    [InlineData("**/trace.log", "trace.log", false, true)]
    [InlineData("**/trace.log", "a/b/trace.log", false, true)]
    [InlineData("data/**", "data/x", false, true)]
    [InlineData("data/**", "data", true, false)]
    [InlineData("fo?", "foo", false, true)]
    [InlineData("fo?", "fo/o", false, false)]
    [InlineData("*", "anything", false, true)]
    [InlineData("[ab].txt", "a.txt", false, true)]
    [InlineData("[!ab].txt", "a.txt", false, false)]
    [InlineData("a+b(c).txt", "a+b(c).txt", false, true)]
    public void Matches_like_gitignore(string pattern, string path, bool isDirectory, bool expected) =>
        Assert.Equal(expected, ExcludePattern.Parse(pattern).Matches(path, isDirectory));

    [Theory]
    [InlineData("!keep")]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("[abc")]
    public void Refuses_what_it_cannot_honour(string pattern) =>
        Assert.Equal(ExitCodes.Usage, Assert.Throws<SatchelException>(() => ExcludePattern.Parse(pattern)).ExitCode);
}
