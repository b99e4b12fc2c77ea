using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Satchel.Benchmarks;

/// <summary>
/// Runs the micro-benchmarks in-process with BenchmarkDotNet's short job (3 warm-up and 3 measured
/// iterations): enough to compare code paths on a shared machine, not a substitute for the
/// whole-process benchmarks in bench/run. Every argument goes to BenchmarkDotNet (for example
/// `--filter *Crc*`, `--artifacts DIR`); with none, every benchmark runs.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var job = Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance);
        var config = DefaultConfig.Instance.AddJob(job);
        var arguments = args.Length == 0 ? ["--filter", "*"] : args;
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(arguments, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
