using FsCheck;
using FsCheck.Fluent;
using Satchel.Build.Wheels;
using Satchel.Testing;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.Build.Tests.Wheels;

/// <summary>Random file trees → WheelBuilder → installer: every file comes back at its scheme's place with the same bytes and mode.</summary>
public sealed class WheelRoundTripProperties : IDisposable
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_.";
    private static readonly string?[] Schemes = [null, "purelib", "platlib", "scripts", "data", "headers"];
    private readonly TempDirectory _dir = new("satchel-prop");
    private int _run;

    private sealed record TreeFile(string? Scheme, string Path, byte[] Content, bool Executable)
    {
        public string Destination => Scheme switch
        {
            null or "purelib" or "platlib" => "site-packages/" + Path,
            _ => Scheme + "/" + Path,
        };

        public override string ToString() => $"{Scheme ?? "root"}:{Path} ({Content.Length} bytes{(Executable ? ", +x" : string.Empty)})";
    }

    private static Gen<string> Segment =>
        Gen.Choose(1, 8).SelectMany(n => Gen.Elements(Alphabet.ToCharArray()).ArrayOf(n))
            .Select(chars => new string(chars))
            .Where(s => s is not ("." or "..") && !s.EndsWith(".data", StringComparison.Ordinal));

    private static Gen<byte[]> Content => Gen.Frequency(
        (6, Gen.Choose(0, 400).SelectMany(n => Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(n))),
        (1, Gen.Choose(0, int.MaxValue).Select(seed =>
        {
            // Larger than the copy buffer, so chunked hashing and size checks are exercised.
            var bytes = new byte[65536 + (seed % 70000)];
            new Random(seed).NextBytes(bytes);
            return bytes;
        })));

    private static Gen<TreeFile> File =>
        from scheme in Gen.Elements(Schemes)
        from depth in Gen.Choose(1, 3)
        from segments in Segment.ArrayOf(depth)
        from content in Content
        from executable in Gen.Elements(false, true)
        select new TreeFile(scheme, string.Join('/', segments), content, executable);

    /// <summary>
    /// A tree a valid wheel can hold: no two destinations equal up to case, and no file where
    /// another needs a directory (those are the installer's refusals, tested elsewhere).
    /// </summary>
    private static List<TreeFile> Valid(IEnumerable<TreeFile> files)
    {
        var kept = new List<TreeFile>();
        foreach (var file in files)
        {
            var folded = file.Destination.ToUpperInvariant();
            var clash = kept.Any(k =>
            {
                var other = k.Destination.ToUpperInvariant();
                return other == folded || other.StartsWith(folded + "/", StringComparison.Ordinal) || folded.StartsWith(other + "/", StringComparison.Ordinal);
            });
            if (!clash)
            {
                kept.Add(file);
            }
        }

        return kept;
    }

    [Fact]
    public void Installed_trees_hold_exactly_the_wheels_files_with_the_same_bytes()
    {
        var trees = File.ListOf().Select(Valid).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), Prop.ForAll(trees, RoundTrips));
    }

    private bool RoundTrips(List<TreeFile> files)
    {
        var run = Interlocked.Increment(ref _run);
        var builder = new WheelBuilder("prop", "1.0");
        foreach (var file in files)
        {
            var member = file.Scheme is null ? file.Path : $"{builder.DataDirectory}/{file.Scheme}/{file.Path}";
            builder.AddFile(member, file.Content, file.Executable);
        }

        var wheel = WheelInstaller.Install(builder.Build(_dir.Combine($"w{run}")), _dir.Combine($"t{run}"));
        var expected = files.ToDictionary(f => f.Destination, StringComparer.Ordinal);
        var distInfo = $"site-packages/{wheel.DistInfoDirectory}/";
        var actual = Directory.GetFiles(wheel.TreePath, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(wheel.TreePath, f))
            .Where(f => !f.StartsWith(distInfo, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual);
        foreach (var (destination, file) in expected)
        {
            var path = Path.Combine(wheel.TreePath, destination);
            Assert.Equal(file.Content, System.IO.File.ReadAllBytes(path));
            var executable = (System.IO.File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
            Assert.Equal(file.Executable || file.Scheme == "scripts", executable);
        }

        Assert.Equal(files.Count(f => f.Scheme == "scripts"), wheel.Scripts.Count);
        Assert.Equal(["INSTALLER", "METADATA", "RECORD", "WHEEL"],
            Directory.GetFiles(Path.Combine(wheel.TreePath, distInfo)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        return true;
    }

    public void Dispose() => _dir.Dispose();
}
