using Satchel.Build.Packing;
using Satchel.Runtime.Format;
using Satchel.Testing;
using Satchel.Testing.Payloads;

namespace Satchel.Build.Tests.Hostile;

/// <summary>
/// The well-formed app every fault case starts from, written by the real <see cref="PayloadWriter"/>:
/// two units (app and wheel), nested directories, an executable, an empty file, links inside the
/// unit, text and random data cut into 4 KiB blocks, and injected arguments and environment in the
/// header. Small, so thousands of cases run in seconds; shaped like a real app, so every part of
/// the format is exercised.
/// </summary>
public sealed class FaultBaseApp : IDisposable
{
    /// <summary>Any bytes stand in for the launcher in process; flips there must change nothing.</summary>
    public const int PrefixLength = 4096;

    private readonly TempDirectory _source = new("satchel-fault-src");

    public FaultBaseApp()
    {
        var random = new Random(20_260_110);
        _source.Write("app/run", "#!/bin/sh\necho fault-base-ok \"$@\"\n", executable: true);
        _source.Write("app/bin/tool", "#!/bin/sh\nexit 3\n", executable: true);
        _source.Write("app/empty", string.Empty);
        _source.Write("app/lib/pkg/__init__.py", "from .core import main\n");
        _source.Write("app/lib/pkg/core.py", string.Concat(Enumerable.Repeat("def main():\n    return 'satchel'\n", 200)));
        File.WriteAllBytes(_source.Write("app/lib/pkg/data.bin", string.Empty), RandomBytes(random, 9000));
        File.CreateSymbolicLink(_source.Combine("app/lib/current"), "pkg");
        File.CreateSymbolicLink(_source.Combine("app/lib/pkg/again"), "../current/core.py");
        _source.Write("wheel/w/__init__.py", "VERSION = '1.0'\n");
        File.WriteAllBytes(_source.Write("wheel/w/blob", string.Empty), RandomBytes(random, 3000));

        var prefix = new byte[PrefixLength];
        random.NextBytes(prefix);
        using var output = new MemoryStream();
        output.Write(prefix);
        var units = new[]
        {
            new UnitSource(UnitKind.App, "app", SourceTreeScanner.Scan(_source.Combine("app"))),
            new UnitSource(UnitKind.Wheel, "w-1.0", SourceTreeScanner.Scan(_source.Combine("wheel"))),
        };
        var launch = new LaunchSpec(LaunchKind.Exec, 0, "run", ["--from-header"], [new("FAULT_BASE", "1")]);
        new PayloadWriter(new CompressionSettings(4096, 5, 22)).Write(output, units, new PayloadSpec("fault-base", ExtractMode.Cache, launch));
        Bytes = output.ToArray();
        Sections = PayloadSections.Read(Bytes);
    }

    public byte[] Bytes { get; }

    public PayloadSections Sections { get; }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    public void Dispose() => _source.Dispose();
}
