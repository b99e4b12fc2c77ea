using System.Security.Cryptography;
using System.Text;
using Satchel.Build.Wheels;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.Build.Tests.Wheels;

public sealed class Pep376RecordTests
{
    private static InvalidOperationException Fail(string what, string? path) => new($"{what}: {path}");

    [Fact]
    public void Lines_parse_into_path_hash_and_size_and_RECORD_itself_has_neither()
    {
        var content = "hello\n"u8.ToArray();
        var text = WheelRecordLine.For("pkg/a.py", content) + "\r\npkg-1.0.dist-info/RECORD,,\n\n";
        var lines = Pep376Record.Parse(text, Fail);
        Assert.Equal(2, lines.Count);
        Assert.Equal("pkg/a.py", lines[0].Path);
        Assert.Equal(6, lines[0].Size);
        Assert.True(lines[0].Hash!.Matches(SHA256.HashData(content)));
        Assert.False(lines[0].Hash!.Matches(SHA256.HashData("hello"u8)));
        Assert.Equal(new RecordEntry("pkg-1.0.dist-info/RECORD", null, null), lines[1]);
    }

    [Fact]
    public void Quoted_paths_with_commas_and_quotes_round_trip()
    {
        var hash = new RecordHash(RecordHash.Sha256, RecordHash.Encode(SHA256.HashData("x"u8)));
        var entries = new[] { new RecordEntry("pkg/a,b \"c\".txt", hash, 1), new RecordEntry("plain", hash, 0) };
        var text = Pep376Record.Write(entries);
        Assert.StartsWith("\"pkg/a,b \"\"c\"\".txt\",sha256=", text, StringComparison.Ordinal);
        Assert.Equal(entries, Pep376Record.Parse(text, Fail));
    }

    [Theory]
    [InlineData("a.py,md5=abc,1", "only sha256")]
    [InlineData("a.py,sha1=abc,1", "only sha256")]
    [InlineData("a.py,sha256=not*base64,1", "base64")]
    [InlineData("a.py,sha256=abc,-1", "size")]
    [InlineData("a.py,sha256=abc", "path,hash,size")]
    [InlineData("\"a.py,sha256=abc,1", "quote")]
    public void Malformed_lines_are_refused_with_a_reason(string line, string reason)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Pep376Record.Parse(line + "\n", Fail));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Padding_on_a_digest_does_not_change_what_it_matches()
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("padded"));
        var hash = RecordHash.TryParse("sha256=" + Convert.ToBase64String(digest).Replace('+', '-').Replace('/', '_'), out _)!;
        Assert.True(hash.Matches(digest));
    }
}
