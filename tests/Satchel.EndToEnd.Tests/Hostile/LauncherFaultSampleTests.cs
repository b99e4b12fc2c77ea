using FsCheck;
using FsCheck.Fluent;
using Satchel.Runtime.Errors;
using Satchel.Testing;
using Satchel.Testing.Payloads;
using Xunit;

namespace Satchel.EndToEnd.Tests.Hostile;

/// <summary>
/// A representative sample of the in-process fault cases, run through the real NativeAOT
/// launcher: damaged `satchel pack` output and every crafted index of
/// <see cref="HostileIndexCases"/> behind the real launcher bytes. Each must exit 65 with one
/// line on stderr and no stack trace, keep nothing in the cache but lock files, and write
/// nothing beside it. The unharmed app and the well-formed crafted payloads run.
/// </summary>
public sealed class LauncherFaultSampleTests(SampleApp sample) : IClassFixture<SampleApp>, IDisposable
{
    public const int FlipSample = 60;

    private readonly TempDirectory _dir = new("satchel-launcher-faults");

    private byte[] LauncherBytes => sample.Bytes[..(int)sample.Sections.PayloadStart];

    [Fact]
    public void Unharmed_app_runs_and_leaves_one_verified_unit()
    {
        var sandbox = new FaultSandbox(_dir.Combine("case"));
        sandbox.WriteApp(sample.Bytes, executable: true);

        var result = LauncherRun.Run(sandbox.App, sandbox.CacheRoot, args: ["x"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"{SampleApp.Output} x\n", result.StdOut);
        Assert.Equal([sample.KeyHex], CacheAudit.AssertConsistent(sandbox.CacheRoot, sample.Known));
        sandbox.AssertNothingOutsideCache();
    }

    [Fact]
    public void Bit_flips_in_the_payload_make_the_launcher_exit_65_with_one_line()
    {
        var sandbox = new FaultSandbox(_dir.Combine("case"));
        var start = (int)sample.Sections.PayloadStart;
        var flips = Gen.Choose(start, sample.Bytes.Length - 1).SelectMany(p => Gen.Choose(0, 7).Select(b => (p, b)));
        var runs = 0;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(FlipSample), Prop.ForAll(flips.ToArbitrary(), flip =>
        {
            sandbox.Reset();
            var damaged = (byte[])sample.Bytes.Clone();
            damaged[flip.p] ^= (byte)(1 << flip.b);
            sandbox.WriteApp(damaged, executable: true);

            LauncherRun.AssertCleanFailure(LauncherRun.Run(sandbox.App, sandbox.CacheRoot), ExitCodes.Data);
            CacheAudit.AssertOnlyLocks(sandbox.CacheRoot);
            sandbox.AssertNothingOutsideCache();
            runs++;
        }));

        Assert.Equal(FlipSample, runs);
    }

    [Fact]
    public void Truncation_at_every_payload_section_boundary_makes_the_launcher_exit_65()
    {
        var sandbox = new FaultSandbox(_dir.Combine("case"));
        var cuts = sample.Sections.Boundaries().Where(b => b < sample.Bytes.Length).ToList();
        foreach (var cut in cuts)
        {
            sandbox.Reset();
            sandbox.WriteApp(sample.Bytes[..(int)cut], executable: true);

            LauncherRun.AssertCleanFailure(LauncherRun.Run(sandbox.App, sandbox.CacheRoot), ExitCodes.Data, "truncated");
            CacheAudit.AssertOnlyLocks(sandbox.CacheRoot);
            sandbox.AssertNothingOutsideCache();
        }

        Assert.True(cuts.Count >= 10, $"only {cuts.Count} cuts");
    }

    public static TheoryData<string> Cases => [.. HostileIndexCases.All.Select(c => c.Name)];

    public static TheoryData<string> Controls => [.. HostileIndexCases.WellFormed.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Crafted_index_makes_the_launcher_exit_65_naming_the_reason(string name)
    {
        var hostile = HostileIndexCases.All.Single(c => c.Name == name);
        var sandbox = new FaultSandbox(_dir.Combine("case"));
        sandbox.WriteApp(hostile.Build(LauncherBytes), executable: true);

        LauncherRun.AssertCleanFailure(LauncherRun.Run(sandbox.App, sandbox.CacheRoot), ExitCodes.Data, hostile.Refusal);
        CacheAudit.AssertOnlyLocks(sandbox.CacheRoot);
        sandbox.AssertNothingOutsideCache();
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public void Well_formed_crafted_payload_runs(string name)
    {
        var sandbox = new FaultSandbox(_dir.Combine("case"));
        var bytes = HostileIndexCases.WellFormed.Single(c => c.Name == name).Build(LauncherBytes);
        sandbox.WriteApp(bytes, executable: true);

        var result = LauncherRun.Run(sandbox.App, sandbox.CacheRoot);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("crafted-ok\n", result.StdOut);
        CacheAudit.AssertConsistent(sandbox.CacheRoot, CacheAudit.Known(PayloadSections.Read(bytes).Index));
        sandbox.AssertNothingOutsideCache();
    }

    public void Dispose() => _dir.Dispose();
}
