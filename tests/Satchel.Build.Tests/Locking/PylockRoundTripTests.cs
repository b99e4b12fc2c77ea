using FsCheck;
using FsCheck.Fluent;
using Satchel.Build.Locking;
using Satchel.Build.Resolution;
using Satchel.Build.Tests.Resolution;
using Satchel.Runtime.Errors;
using Satchel.Testing;
using Xunit;

namespace Satchel.Build.Tests.Locking;

/// <summary>
/// What PylockWriter writes, Python's own TOML parsers read back to the same document: tomllib on
/// 3.11, pip's vendored tomli on 3.8 (the reader goes through the build interpreter).
/// </summary>
public sealed class PylockRoundTripTests
{
    private static PylockDocument Sample(string text) => new(
        PylockDocument.CurrentLockVersion,
        "==3.11.*",
        PylockDocument.Creator,
        [
            new LockedPackage("Zeta_Pkg", "1.0.post1", new LockedWheel("zeta_pkg-1.0.post1-py3-none-any.whl", null, "../links/zeta_pkg-1.0.post1-py3-none-any.whl", 1234, new string('a', 64)), null, text),
            new LockedPackage("alpha", "2.0", new LockedWheel("alpha-2.0-cp311-cp311-manylinux_2_17_x86_64.whl", "http://127.0.0.1:1/files/alpha-2.0-cp311-cp311-manylinux_2_17_x86_64.whl", null, 99, new string('b', 64)), "http://127.0.0.1:1/simple", null),
            new LockedPackage("my-project", "0.3", null, null, null, "../" + text),
        ]);

    private static PylockDocument RoundTrip(PylockDocument document, string minor, TempDirectory temp)
    {
        var path = temp.Combine("pylock.toml");
        File.WriteAllText(path, PylockWriter.Write(document));
        var interpreter = InterpreterProbe.Probe(TestPythons.Binary(minor), HostEnvironment.Current);
        return PylockReader.Read(path, new TomlFileReader(interpreter));
    }

    private static void AssertSame(PylockDocument expected, PylockDocument actual)
    {
        Assert.Equal(expected.LockVersion, actual.LockVersion);
        Assert.Equal(expected.RequiresPython, actual.RequiresPython);
        Assert.Equal(expected.CreatedBy, actual.CreatedBy);
        // The writer orders packages by normalised name.
        Assert.Equal(expected.Packages.OrderBy(p => p.NormalizedName, StringComparer.Ordinal), actual.Packages);
    }

    [Theory]
    [InlineData("3.11")]
    [InlineData("3.8")]
    public void A_written_lock_reads_back_identically(string minor)
    {
        using var temp = new TempDirectory("satchel-pylock");
        var document = Sample("../links with \"quotes\", a \\ backslash, é and a\ttab");
        AssertSame(document, RoundTrip(document, minor, temp));
    }

    [Fact]
    public void Any_text_survives_the_writer_and_tomllib()
    {
        using var temp = new TempDirectory("satchel-pylock");
        var texts = Gen.Elements('a', '"', '\\', '\n', '\r', '\t', '\0', '\x7f', '\x1b', 'é', '€', ' ', '#', '=', '[', '\'').ArrayOf().Select(c => new string(c));
        var property = Prop.ForAll(Arb.From(texts), text =>
        {
            var document = Sample(text);
            AssertSame(document, RoundTrip(document, "3.11", temp));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), property);
    }

    [Fact]
    public void The_same_document_is_always_written_as_the_same_bytes()
    {
        var document = Sample("links");
        var reordered = document with { Packages = [.. document.Packages.Reverse()] };
        Assert.Equal(PylockWriter.Write(document), PylockWriter.Write(reordered));
        Assert.DoesNotContain('\r', PylockWriter.Write(document));
    }

    [Theory]
    [InlineData("lock-version = \"2.0\"\n", "lock-version 2.0")]
    [InlineData("created-by = \"x\"\n", "no lock-version")]
    [InlineData("lock-version = \"1.0\"\n[[packages]]\nname = \"a\"\nversion = \"1\"\n[packages.sdist]\nname = \"a-1.tar.gz\"\n", "locked as sdist")]
    [InlineData("lock-version = \"1.0\"\n[[packages]]\nname = \"a\"\nversion = \"1\"\n[[packages.wheels]]\nname = \"a-1-py3-none-any.whl\"\npath = \"a.whl\"\n", "no sha256")]
    [InlineData("lock-version = \"1.0\"\n[[packages]]\nname = \"a\"\nversion = \"1\"\n[[packages.wheels]]\nname = \"a-1-py3-none-any.whl\"\nhashes = {sha256 = \"" + "0000000000000000000000000000000000000000000000000000000000000000" + "\"}\n", "neither url nor path")]
    [InlineData("lock-version = \"1.0\"\n[[packages]\n", "not valid TOML")]
    [InlineData("lock-version = \"1.0\"\n[[packages]]\nname = \"a\"\nversion = \"1\"\n[packages.directory]\npath = \".\"\neditable = true\n", "editable")]
    public void A_lock_satchel_cannot_follow_exactly_is_refused_with_exit_65(string toml, string reason)
    {
        using var temp = new TempDirectory("satchel-pylock");
        var path = temp.Write("pylock.toml", toml);
        var interpreter = InterpreterProbe.Probe(TestPythons.Binary("3.11"), HostEnvironment.Current);

        var error = Assert.Throws<SatchelException>(() => PylockReader.Read(path, new TomlFileReader(interpreter)));

        Assert.Equal(ExitCodes.Data, error.ExitCode);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("==3.11.*", true)]
    [InlineData(">=3.8", true)]
    [InlineData("==3.8.*", false)]
    public void The_build_interpreter_must_be_inside_the_lock_s_requires_python(string requiresPython, bool accepted)
    {
        var interpreter = InterpreterProbe.Probe(TestPythons.Binary("3.11"), HostEnvironment.Current);
        var document = Sample("links") with { RequiresPython = requiresPython };

        if (accepted)
        {
            LockCompatibility.Check(document, "pylock.toml", interpreter);
        }
        else
        {
            var error = Assert.Throws<SatchelException>(() => LockCompatibility.Check(document, "pylock.toml", interpreter));
            Assert.Equal(ExitCodes.Usage, error.ExitCode);
            Assert.Contains("requires Python ==3.8.*", error.Message, StringComparison.Ordinal);
        }
    }
}
