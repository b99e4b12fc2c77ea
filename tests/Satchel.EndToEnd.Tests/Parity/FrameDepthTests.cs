using Satchel.Testing;
using Satchel.Testing.Parity;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.EndToEnd.Tests.Parity;

/// <summary>
/// The entry starts at the frame depth a venv's script has. CPython allocates its frame stack in
/// 16 KiB chunks: with extra frames under the entry, a hot call path that sits on a chunk boundary
/// maps and unmaps a chunk on every call (issue #18: `aws --version` made 6,010 mmap calls instead of
/// 535). The app here calls a function 100 times at every depth from 0 to 299; at the depths where
/// the call crosses a chunk boundary each call maps a chunk. The same depths must do so under Satchel
/// as in a pip venv, and the mmap calls from the interpreter's execve on must be within 5%.
/// </summary>
public sealed class FrameDepthTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-depth");

    private const string Probe = """
        import os, sys


        def leaf():
            return 1


        def down(n, calls):
            if n:
                return down(n - 1, calls)
            total = 0
            for _ in range(calls):
                total += leaf()
            return total


        def main():
            for depth in range(int(sys.argv[1]), int(sys.argv[2])):
                try:
                    os.stat("/nonexistent/MARKER%d" % depth)
                except OSError:
                    pass
                down(depth, 100)
        """;

    [StraceTheory]
    [InlineData("3.11.7")]
    [InlineData("3.12.1")]
    [InlineData("3.13.0")]
    public void A_hot_call_maps_frame_chunks_at_the_same_depths_as_in_a_venv(string version)
    {
        var python = RealPythons.Binary(version);
        var wheels = _dir.Combine("wheels");
        Directory.CreateDirectory(wheels);
        new WheelBuilder("depthprobe", "1.0")
            .AddFile("depthprobe.py", Probe.Replace("MARKER", SyscallTrace.MarkerPrefix, StringComparison.Ordinal))
            .AddEntryPoint("console_scripts", "depthprobe", "depthprobe:main")
            .Build(wheels);
        var venv = PipVenv.Create(python, _dir.Combine("venv"), wheels, ["depthprobe"]);
        var app = _dir.Combine("depthprobe");
        var built = SatchelCli.Run(["build", "--python", python, "--no-index", "-f", wheels, "depthprobe", "-c", "depthprobe", "-o", app, "-q"]);
        Assert.True(built.ExitCode == 0, built.ToString());
        var env = new Dictionary<string, string?>
        {
            ["SATCHEL_ROOT"] = _dir.Combine("cache"),
            ["SATCHEL_PYTHON"] = python,
            ["PYTHONPATH"] = null,
            ["PYTHONMALLOC"] = null,
            ["SATCHEL_VERBOSE"] = null,
        };
        Assert.Equal(0, ProcessRunner.Run(app, ["0", "1"], env).ExitCode); // the first run extracts

        var inVenv = SyscallTrace.Run(Path.Combine(venv.Bin, "depthprobe"), ["0", "300"], env, _dir.Combine("venv.trace"));
        var inSatchel = SyscallTrace.Run(app, ["0", "300"], env, _dir.Combine("satchel.trace"));

        static int[] Spikes(SyscallTrace.MmapCount count) => [.. count.PerSection.Where(s => s.Value >= 50).Select(s => s.Key).Order()];
        Assert.NotEmpty(Spikes(inVenv));
        Assert.Equal(Spikes(inVenv), Spikes(inSatchel));
        Assert.True(Math.Abs(inSatchel.Total - inVenv.Total) <= 0.05 * inVenv.Total,
            $"mmap calls from the interpreter's execve on: venv {inVenv.Total}, satchel {inSatchel.Total} (more than 5% apart)");
    }

    public void Dispose() => _dir.Dispose();
}
