using System.Text.RegularExpressions;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Testing;
using Satchel.Testing.Payloads;
using Xunit;

namespace Satchel.Build.Tests.Hostile;

/// <summary>
/// Runs one damaged app file through the cold path in a fresh sandbox and checks what must hold
/// whatever the damage: the run either succeeds with every unit complete, or fails with one
/// clean line and exit 65; either way the cache holds only lock files and units whose files
/// verify, and nothing beside the cache changed. Counts both outcomes for the report.
/// </summary>
public sealed class FaultCaseRunner(string directory)
{
    private readonly FaultSandbox _sandbox = new(directory);

    public int Succeeded { get; private set; }

    public int Refused { get; private set; }

    public int Total => Succeeded + Refused;

    /// <summary>How many refusals gave each reason: shows which layer caught the damage.</summary>
    public Dictionary<string, int> Reasons { get; } = [];

    /// <summary>The totals, then the refusals as lines "count reason", most frequent first: for the test output.</summary>
    public string Report(string what) =>
        $"{what}: {Total} cases, {Refused} refused cleanly, {Succeeded} ran correctly\n"
        + string.Join('\n', Reasons.OrderByDescending(r => r.Value).Select(r => $"  {r.Value,5} {r.Key}"));

    /// <summary>The outcome: null on success, else the refusal (already checked to be clean).</summary>
    public SatchelException? Run(byte[] file, IReadOnlyDictionary<string, UnitIndex> known)
    {
        _sandbox.Reset();
        _sandbox.WriteApp(file);
        var error = ColdPath.Run(_sandbox.App, _sandbox.CacheRoot);
        var complete = CacheAudit.AssertConsistent(_sandbox.CacheRoot, known);
        _sandbox.AssertNothingOutsideCache();
        if (error is null)
        {
            var header = PayloadSections.Read(file).Header;
            Assert.Equal(header.Units.Select(u => u.KeyHex).Distinct().Order(), complete.Order());
            Succeeded++;
        }
        else
        {
            Assert.True(error.ExitCode == ExitCodes.Data, $"exit {error.ExitCode}, expected {ExitCodes.Data}: {error.Message}");
            Assert.DoesNotContain('\n', error.Message);
            Refused++;
            var reason = Reason(error.Message);
            Reasons[reason] = Reasons.GetValueOrDefault(reason) + 1;
        }

        return error;
    }

    /// <summary>The message without the file name, the advice, names, hashes and numbers: "the blocks hold # bytes but...".</summary>
    private static string Reason(string message) =>
        Regex.Replace(message.Split(": ", 2)[^1].Split(';')[0], "'[^']*'|[0-9a-f]{6,}|[0-9]+", "#");
}
