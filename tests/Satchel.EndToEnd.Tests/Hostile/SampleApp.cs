using Satchel.Runtime.Format;
using Satchel.Testing;
using Satchel.Testing.Payloads;
using Xunit;

namespace Satchel.EndToEnd.Tests.Hostile;

/// <summary>
/// A small app made by the real `satchel pack` (so it starts with the real NativeAOT launcher):
/// a script that prints a known line, a data directory with text and random bytes, a link. The
/// fault tests damage copies of it and run them.
/// </summary>
public sealed class SampleApp : IDisposable
{
    public const string Output = "sample-ok";

    private readonly TempDirectory _dir = new("satchel-sample");

    public SampleApp()
    {
        _dir.Write("src/run.sh", $"#!/bin/sh\necho {Output} \"$@\"\n", executable: true);
        _dir.Write("src/data/notes.txt", string.Concat(Enumerable.Repeat("satchel sample data\n", 300)));
        var random = new byte[20_000];
        new Random(11).NextBytes(random);
        File.WriteAllBytes(_dir.Combine("src/data/random.bin"), random);
        File.CreateSymbolicLink(_dir.Combine("src/data/current"), "notes.txt");
        Path = _dir.Combine("sample");
        var pack = SatchelCli.Run(["pack", _dir.Combine("src"), "--entry", "run.sh", "-o", Path, "--quiet"]);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        Bytes = File.ReadAllBytes(Path);
        Sections = PayloadSections.Read(Bytes);
    }

    public string Path { get; }

    public byte[] Bytes { get; }

    public PayloadSections Sections { get; }

    public string KeyHex => Sections.Header.Units[0].KeyHex;

    public IReadOnlyDictionary<string, UnitIndex> Known => CacheAudit.Known(Sections.Index);

    public void Dispose() => _dir.Dispose();
}
