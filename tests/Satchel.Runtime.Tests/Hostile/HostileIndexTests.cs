using Satchel.Runtime.Errors;
using Satchel.Testing;
using Satchel.Testing.Payloads;
using Xunit;

namespace Satchel.Runtime.Tests.Hostile;

/// <summary>
/// Every crafted payload of <see cref="HostileIndexCases"/> through the cold path in process:
/// refused with exit 65 for the intended reason, in one line, with nothing kept in the cache but
/// lock files and nothing written beside it. The well-formed controls extract and verify, so a
/// fixture that broke every payload could not pass.
/// </summary>
public sealed class HostileIndexTests : IDisposable
{
    /// <summary>Any bytes stand in for the launcher: the payload reader never looks before the payload.</summary>
    private static readonly byte[] Prefix = [.. "#!/bin/false\n"u8, .. new byte[4083]];

    private readonly TempDirectory _dir = new("satchel-hostile");

    public static TheoryData<string> Cases => [.. HostileIndexCases.All.Select(c => c.Name)];

    public static TheoryData<string> Controls => [.. HostileIndexCases.WellFormed.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Crafted_index_is_refused_cleanly(string name)
    {
        var hostile = HostileIndexCases.All.Single(c => c.Name == name);
        var sandbox = new FaultSandbox(_dir.Combine("case"));
        sandbox.WriteApp(hostile.Build(Prefix));

        // A validator that loops on a hostile link chain would hang the launcher: bound the wait
        // (WaitAsync throws TimeoutException).
        var error = await Task.Run(() => ColdPath.Run(sandbox.App, sandbox.CacheRoot)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.NotNull(error);
        Assert.Equal(ExitCodes.Data, error.ExitCode);
        Assert.Contains(hostile.Refusal, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        CacheAudit.AssertOnlyLocks(sandbox.CacheRoot);
        sandbox.AssertNothingOutsideCache();
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public void Well_formed_crafted_payload_extracts_and_verifies(string name)
    {
        var sandbox = new FaultSandbox(_dir.Combine("case"));
        var bytes = HostileIndexCases.WellFormed.Single(c => c.Name == name).Build(Prefix);
        sandbox.WriteApp(bytes);

        var error = ColdPath.Run(sandbox.App, sandbox.CacheRoot);

        Assert.Null(error);
        var sections = PayloadSections.Read(bytes);
        var complete = CacheAudit.AssertConsistent(sandbox.CacheRoot, CacheAudit.Known(sections.Index));
        Assert.Equal(sections.Header.Units.Select(u => u.KeyHex).Distinct().Order(), complete.Order());
        sandbox.AssertNothingOutsideCache();
    }

    public void Dispose() => _dir.Dispose();
}
