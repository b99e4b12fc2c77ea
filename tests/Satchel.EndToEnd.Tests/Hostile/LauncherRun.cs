using System.ComponentModel;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Hostile;

/// <summary>Runs an app file through its real launcher against a given cache root, and judges failures.</summary>
public static class LauncherRun
{
    private const int TextFileBusy = 26;

    public static ProcessResult Run(string app, string cacheRoot, IDictionary<string, string?>? extra = null, IEnumerable<string>? args = null)
    {
        var env = new Dictionary<string, string?> { ["SATCHEL_ROOT"] = cacheRoot, ["SATCHEL_VERBOSE"] = null };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        // A file just written can be briefly "busy" for exec while another test's fork still holds
        // an inherited descriptor to it: retry that, nothing else.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return ProcessRunner.Run(app, args ?? [], env, timeout: TimeSpan.FromMinutes(2));
            }
            catch (Win32Exception e) when (e.NativeErrorCode == TextFileBusy && attempt < 5)
            {
                Thread.Sleep(50 * attempt);
            }
        }
    }

    /// <summary>
    /// What every failure of the launcher must look like: the expected exit code, nothing on
    /// stdout, exactly one line on stderr starting "satchel: " and naming the reason, no stack trace.
    /// </summary>
    public static void AssertCleanFailure(ProcessResult result, int exitCode, string? reason = null)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}\n{result}");
        Assert.Equal(string.Empty, result.StdOut);
        var lines = result.StdErr.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1 && lines[0].StartsWith("satchel: ", StringComparison.Ordinal), $"expected one 'satchel: ' line\n{result}");
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
        if (reason is not null)
        {
            Assert.True(result.StdErr.Contains(reason, StringComparison.Ordinal), $"expected \"{reason}\" on stderr\n{result}");
        }
    }
}
