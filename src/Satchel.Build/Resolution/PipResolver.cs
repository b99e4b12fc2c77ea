using Satchel.Build.Progress;
using Satchel.Build.Python;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Removal;

namespace Satchel.Build.Resolution;

/// <summary>
/// Resolves an app's requirements with pip and collects a wheel for every distribution of the
/// resolved set. Two pip runs:
/// 1. `pip install --dry-run --ignore-installed --report` over the inputs: the resolution itself,
///    with each distribution's origin, as pip's report;
/// 2. `pip wheel --no-deps` over exactly the artifacts the report names ("name @ URL"): fetches
///    ready wheels and builds the rest, without resolving again, so the set cannot drift. Ready
///    wheel files on this machine are copied instead (<see cref="LocalWheelCopy"/>); when all
///    artifacts are, pip runs once.
/// The wheels are then checked against the report (see <see cref="WheelSetVerifier"/>) and only
/// then moved to the work directory's wheels/ folder: after a failure that folder does not exist.
/// </summary>
public sealed class PipResolver(PipCommand pip, HostEnvironment? host = null, Log? log = null, IBuildProgress? progress = null)
{
    private readonly HostEnvironment _host = host ?? HostEnvironment.Current;
    private readonly Log _log = log ?? Log.Quiet;

    /// <summary>Resolves <paramref name="request"/>; <paramref name="cancellation"/> kills pip and throws <see cref="OperationCanceledException"/>.</summary>
    public ResolveResult Resolve(ResolveRequest request, CancellationToken cancellation = default)
    {
        var baseDirectory = Path.GetFullPath(request.BaseDirectory ?? _host.CurrentDirectory);
        ResolveRequestValidator.Validate(request, baseDirectory);
        var layout = new WorkLayout(request.WorkDirectory);
        Prepare(layout);
        var runner = new PipRunner(pip, layout, _host, baseDirectory, [.. RemoteSources.Of(request.PackageSources, baseDirectory).Select(s => s.Url)], request.KeptLog, _log, request.LogLabel);
        var sources = PipArguments.Sources(request.PackageSources, baseDirectory).ToList();
        // pip before 23.3 takes --platform and its kin only with --target, even for a dry run; nothing is written there.
        List<string> target = request.Target is null ? [] : [.. PipArguments.Target(request.Target), "--target", Path.Combine(layout.Temp, "target")];
        var forTarget = request.Target is { } t ? " for " + t.Describe() : string.Empty;
        try
        {
            runner.Run("resolving requirements" + forTarget,
            [
                "install", "--dry-run", "--ignore-installed", "--report", layout.Report,
                .. runner.CommonOptions, .. target, .. sources, .. PipArguments.Inputs(request, baseDirectory),
            ], layout.ResolveLog, watch: CountLines("Collecting ", "Processing "), cancellation: cancellation);
            var entries = InstallReport.Read(layout.Report);
            _log.Line($"pip{(request.LogLabel is null ? string.Empty : " " + request.LogLabel)} resolved {entries.Count} distributions: {string.Join(", ", entries.Select(e => $"{e.Name} {e.Version}"))}");

            Directory.CreateDirectory(layout.WheelsStaging);
            var forPip = LocalWheelCopy.CopyReady(entries, layout.WheelsStaging, _log, cancellation);
            if (forPip.Count > 0)
            {
                // `pip wheel` takes no --platform; for another platform every artifact is a wheel
                // already (--only-binary=:all:), which `pip download` fetches as it is.
                IReadOnlyList<string> collect = request.Target is null
                    ? ["wheel", "--no-deps", "--wheel-dir", layout.WheelsStaging]
                    : ["download", "--no-deps", "--dest", layout.WheelsStaging, .. PipArguments.Target(request.Target)];
                runner.Run("collecting wheels" + forTarget,
                [
                    .. collect, .. runner.CommonOptions, .. sources, .. forPip.Select(e => e.PinnedRequirement()),
                ], layout.WheelLog, cancellation: cancellation);
            }

            var fetched = WheelSetVerifier.Verify(entries, layout.WheelsStaging);
            if (DirectoryMover.Move(layout.WheelsStaging, layout.Wheels, _log) == MoveOutcome.DestinationExists)
            {
                throw new SatchelException(ExitCodes.CantCreate,
                    $"cannot move the collected wheels to {layout.Wheels}: it appeared meanwhile; run one resolution per work directory at a time");
            }
            var classifier = new OriginClassifier(request, baseDirectory);
            var distributions = fetched.Select(f => new ResolvedDistribution(
                f.Entry.Name,
                f.Entry.Version,
                Path.Combine(layout.Wheels, f.FileName),
                f.Sha256,
                f.Entry.Requested,
                !f.Entry.IsWheel,
                classifier.Classify(f.Entry))).ToList();
            return new ResolveResult(layout.Wheels, layout.Report, distributions, pip);
        }
        finally
        {
            // Clean-up never replaces the result or the real error: what stays is logged, and the
            // build directory around the work directory is removed (or warned about) at the end.
            TreeRemover.TryRemove(layout.WheelsStaging, out _, _log);
            TreeRemover.TryRemove(layout.Temp, out _, _log);
        }
    }

    /// <summary>
    /// Builds local project directories into wheels with `pip wheel --no-deps` and nothing else:
    /// no resolution, so a lock's set stays exactly the lock's. Build dependencies (setuptools…)
    /// come from <paramref name="request"/>'s sources, as for a resolution. Returns the wheel of
    /// each project, in <paramref name="request"/>'s work directory.
    /// </summary>
    public IReadOnlyList<string> BuildProjects(ResolveRequest request)
    {
        var baseDirectory = Path.GetFullPath(request.BaseDirectory ?? _host.CurrentDirectory);
        ResolveRequestValidator.Validate(request, baseDirectory);
        var layout = new WorkLayout(request.WorkDirectory);
        Prepare(layout);
        var runner = new PipRunner(pip, layout, _host, baseDirectory, [.. RemoteSources.Of(request.PackageSources, baseDirectory).Select(s => s.Url)], request.KeptLog, _log, request.LogLabel);
        try
        {
            Directory.CreateDirectory(layout.Wheels);
            runner.Run("building local projects",
            [
                "wheel", "--no-deps", "--wheel-dir", layout.Wheels,
                .. runner.CommonOptions, .. PipArguments.Sources(request.PackageSources, baseDirectory), .. request.LocalProjects.Select(p => Path.GetFullPath(p, baseDirectory)),
            ], layout.WheelLog, watch: CountLines("Created wheel for "));
            var wheels = Directory.EnumerateFiles(layout.Wheels, "*.whl").Order(StringComparer.Ordinal).ToList();
            if (wheels.Count != request.LocalProjects.Count)
            {
                throw new SatchelException(ExitCodes.Data,
                    $"pip built {wheels.Count} wheels from {request.LocalProjects.Count} local projects ({string.Join(", ", wheels.Select(Path.GetFileName))}); see {runner.Keep(layout.WheelLog)}");
            }

            return wheels;
        }
        finally
        {
            TreeRemover.TryRemove(layout.Temp, out _, _log);
        }
    }

    /// <summary>
    /// Progress from pip's output, which has no totals: one item per line starting with one of
    /// <paramref name="prefixes"/> (pip's wording can change; then the count stays at zero, and
    /// nothing else depends on it).
    /// </summary>
    private Action<string>? CountLines(params string[] prefixes) => progress is null
        ? null
        : line =>
        {
            if (prefixes.Any(p => line.StartsWith(p, StringComparison.Ordinal)))
            {
                progress.Advance(1);
            }
        };

    /// <summary>Starts from a clean slate: a previous run's wheels, report and logs would otherwise mix with this one's.</summary>
    private void Prepare(WorkLayout layout)
    {
        Directory.CreateDirectory(layout.Root);
        TreeRemover.FreePath(layout.Wheels, _log);
        TreeRemover.FreePath(layout.WheelsStaging, _log);
        TreeRemover.FreePath(layout.Temp, _log);
        TreeRemover.FreePath(layout.Logs, _log);
        File.Delete(layout.Report);
        Directory.CreateDirectory(layout.Logs);
        Directory.CreateDirectory(layout.Temp);
    }
}
