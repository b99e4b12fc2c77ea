using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Satchel.Runtime.Files;
using Satchel.Testing;
using Xunit;

namespace Satchel.Runtime.Tests.Files;

/// <summary>Utf8TextFile reads UTF-8 files exactly as File.ReadAllText and File.ReadAllLines read them.</summary>
public sealed class Utf8TextFileTests : IDisposable
{
    private static readonly byte[][] Pieces =
    [
        "a"u8.ToArray(), "bc"u8.ToArray(), " "u8.ToArray(), "#"u8.ToArray(), "\r"u8.ToArray(), "\n"u8.ToArray(),
        "\r\n"u8.ToArray(), "é"u8.ToArray(), "€"u8.ToArray(), "😀"u8.ToArray(), [0xEF, 0xBB, 0xBF], [0xFF], [0xC3], [0xE2, 0x82],
    ];

    private readonly TempDirectory _dir = new("satchel-utf8text");
    private int _files;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Any_mix_of_utf8_breaks_marks_and_invalid_bytes_reads_as_the_framework_reads_it()
    {
        var content = Gen.Elements(Pieces).ListOf().Select(parts => parts.SelectMany(p => p).ToArray());
        var withMark = Gen.Elements(true, false);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(content.ToArbitrary(), withMark.ToArbitrary(), (bytes, mark) =>
        {
            var path = _dir.Combine($"f{_files++}.txt");
            File.WriteAllBytes(path, mark ? [.. Encoding.UTF8.Preamble, .. bytes] : bytes);
            Assert.Equal(File.ReadAllText(path), Utf8TextFile.ReadAllText(path));
            Assert.Equal(File.ReadAllLines(path), Utf8TextFile.ReadAllLines(path));
        }));
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("\n", new[] { "" })]
    [InlineData("a\r\nb\rc\n\nd", new[] { "a", "b", "c", "", "d" })]
    [InlineData("a\r", new[] { "a" })]
    public void Lines_split_at_each_kind_of_break(string text, string[] lines)
    {
        var path = _dir.Write("lines.txt", text);
        Assert.Equal(lines, Utf8TextFile.ReadAllLines(path));
    }

    [Fact]
    public void A_missing_file_throws_what_the_framework_throws() =>
        Assert.Throws<FileNotFoundException>(() => Utf8TextFile.ReadAllText(_dir.Combine("missing.txt")));
}
