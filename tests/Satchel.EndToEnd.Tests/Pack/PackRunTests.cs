using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Pack;

/// <summary>`satchel pack` of a directory whose entry is a shell script, run for real.</summary>
public sealed class PackRunTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-pack");

    private string Root => _dir.Combine("cache");

    private Dictionary<string, string?> Env => new() { ["SATCHEL_ROOT"] = Root };

    private string PackScript(string script, string name = "app")
    {
        _dir.Write($"{name}-src/run.sh", "#!/bin/sh\n" + script, executable: true);
        var output = _dir.Combine(name);
        var result = SatchelCli.Run(["pack", _dir.Combine($"{name}-src"), "--entry", "run.sh", "-o", output]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return output;
    }

    [Fact]
    public void Arguments_with_spaces_and_quotes_arrive_intact()
    {
        var app = PackScript("for a in \"$@\"; do printf '<%s>\\n' \"$a\"; done\n");
        var result = ProcessRunner.Run(app, ["a b", "c\"d", "", "e'f", "ü ✓"], Env);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("<a b>\n<c\"d>\n<>\n<e'f>\n<ü ✓>\n", result.StdOut);
    }

    [Fact]
    public void Exit_statuses_0_to_255_pass_through()
    {
        var app = PackScript("exit \"$1\"\n");
        foreach (var status in new[] { 0, 1, 2, 7, 64, 65, 126, 127, 128, 200, 254, 255 })
        {
            Assert.Equal(status, ProcessRunner.Run(app, [status.ToString()], Env).ExitCode);
        }
    }

    [Fact]
    public void Stdin_reaches_the_app_and_variables_are_set()
    {
        var app = PackScript("read line; echo \"got:$line\"; echo \"app:$SATCHEL_APP\"; echo \"dir:$SATCHEL_APP_DIR\"\n");
        var result = ProcessRunner.Run(app, [], Env, stdin: "hello there\n");
        Assert.Equal(0, result.ExitCode);
        var lines = result.StdOut.Split('\n');
        Assert.Equal("got:hello there", lines[0]);
        Assert.Equal("app:" + app, lines[1]);
        Assert.StartsWith("dir:" + Path.Combine(Root, "v1", "units"), lines[2]);
    }

    [Fact]
    public void The_app_starts_with_sigpipe_at_its_default_as_under_a_shell()
    {
        // The .NET runtime in the launcher ignores SIGPIPE, and an ignored signal survives execv.
        const ulong SigPipeBit = 1UL << (13 - 1);
        var app = PackScript("exec grep '^SigIgn:' /proc/self/status\n");
        static ulong Ignored(ProcessResult run)
        {
            Assert.True(run.ExitCode == 0, run.ToString());
            return Convert.ToUInt64(run.StdOut.Split(':')[1].Trim(), 16);
        }

        // Started as a shell starts programs: SIGPIPE at its default (this test host ignores it).
        ProcessResult UnderShell(string program) => ProcessRunner.Run("env", ["--default-signal=PIPE", program], Env);
        Assert.Equal(0UL, Ignored(UnderShell(_dir.Combine("app-src", "run.sh"))) & SigPipeBit);
        Assert.Equal(0UL, Ignored(UnderShell(app)) & SigPipeBit);
    }

    public void Dispose() => _dir.Dispose();
}
