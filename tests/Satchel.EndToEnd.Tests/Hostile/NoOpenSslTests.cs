using Satchel.Testing;
using Satchel.Testing.Payloads;
using Xunit;

namespace Satchel.EndToEnd.Tests.Hostile;

/// <summary>
/// A Linux without OpenSSL, as in a slim container image: in a private mount namespace every
/// libssl and libcrypto the dynamic loader knows is covered by /dev/null, so dlopen finds the file
/// but cannot load it. .NET's own SHA-256 aborted the first run there ("No usable version of
/// libssl was found", SIGABRT, exit 134); the launcher must notice, hash in managed code, extract
/// a complete unit, and the in-app verify must work the same way.
/// </summary>
public sealed class NoOpenSslTests(SampleApp sample) : IClassFixture<SampleApp>, IDisposable
{
    // $1 = the app, $2 = the cache root. unshare's mount namespace is private: nothing leaks out.
    private const string HideOpenSsl = """
        set -e
        for name in libssl.so.3 libcrypto.so.3 libssl.so.1.1 libcrypto.so.1.1; do
          for path in $(ldconfig -p | awk -v n="$name" '$1 == n { print $NF }'); do
            mount --bind /dev/null "$(readlink -f "$path")"
          done
        done
        export SATCHEL_ROOT="$2"
        SATCHEL_VERBOSE=1 "$1" first
        "$1" second
        SATCHEL_TOOLS=1 "$1" verify
        """;

    private readonly TempDirectory _dir = new("satchel-no-openssl");

    [RootFact]
    public void Without_libssl_the_first_run_hashes_in_managed_code_and_extracts_a_complete_unit()
    {
        var root = _dir.Combine("root");

        var run = ProcessRunner.Run("unshare", ["-m", "--", "/bin/sh", "-c", HideOpenSsl, "sh", sample.Path, root],
            new Dictionary<string, string?> { ["SATCHEL_VERBOSE"] = null, ["CLR_OPENSSL_VERSION_OVERRIDE"] = null },
            timeout: TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"{SampleApp.Output} first\n{SampleApp.Output} second\n", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("satchel: ", run.StdErr, StringComparison.Ordinal);
        Assert.True(run.StdErr.Contains("no usable libcrypto: SHA-256 in managed code", StringComparison.Ordinal), run.ToString());
        Assert.Single(CacheAudit.AssertConsistent(root, sample.Known));
    }

    [Fact]
    public void With_libcrypto_present_the_first_run_uses_it()
    {
        var root = _dir.Combine("root-with-ssl");

        var run = LauncherRun.Run(sample.Path, root, new Dictionary<string, string?> { ["SATCHEL_VERBOSE"] = "1", ["CLR_OPENSSL_VERSION_OVERRIDE"] = null });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("no usable libcrypto", run.StdErr, StringComparison.Ordinal);
        Assert.Single(CacheAudit.AssertConsistent(root, sample.Known));
    }

    public void Dispose() => _dir.Dispose();
}
