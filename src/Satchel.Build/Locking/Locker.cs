using System.Text;
using Satchel.Build.Interruption;
using Satchel.Build.Output;
using Satchel.Build.Progress;
using Satchel.Build.Python;
using Satchel.Build.Requests;
using Satchel.Build.Resolution;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Locking;

/// <summary>What `satchel lock` wrote: the lock file, its content, and the interpreter it was resolved for.</summary>
public sealed record LockResult(string Output, PylockDocument Document, BuildInterpreter BuildInterpreter);

/// <summary>
/// `satchel lock`: resolves the inputs exactly as `satchel build` would (same pip, same
/// isolation, same sources) and writes the result as a PEP 751 pylock.toml, atomically: a failed
/// lock leaves an existing file as it was. The lock is for the build interpreter's Python
/// (requires-python ==X.Y.*), since pip evaluated markers and wheel tags for it; with --python
/// repeated, for each of them (<see cref="LockMerge"/>).
/// </summary>
public sealed class Locker(Log log, Action<string>? warn = null, IBuildProgress? progress = null)
{
    /// <summary>Locks <paramref name="request"/>'s inputs and source options into <see cref="PythonBuildRequest.Output"/>.</summary>
    public LockResult Lock(PythonBuildRequest request)
    {
        // Only a stage that completed is reported as done: after a failure the error says what happened.
        var result = LockInputs(request);
        progress?.Finish();
        return result;
    }

    private LockResult LockInputs(PythonBuildRequest request)
    {
        OutputGuard.Check(request.Output, request.ReadPaths());
        var inputs = BuildInputs.Classify(request.Inputs);
        if (!inputs.Any(request))
        {
            throw new SatchelException(ExitCodes.Usage, "nothing to lock: give requirement specifiers, wheel files or -r FILE");
        }

        Stage("finding the build interpreter");
        var interpreter = BuildInterpreterLocator.Locate(request.Python, log: log);
        var interpreters = BuildInterpreters.Locate(interpreter, request.Python, request.MorePythons, log);
        using var staging = BuildDirectory.Open(request.Output, log, warn);
        var several = interpreters.Count > 1;
        var pips = ResolutionJobs.Run(interpreters, 1, (i, _) => PipLocator.Select(interpreters[i], request.PackageSources.FindLinks, log: log));
        // As in a build: several interpreters resolve at once where the machine has the cores, but
        // one after the other when pip builds a local project in its own directory.
        var jobs = InPlaceBuilds.Any(request, inputs) ? 1 : ResolutionJobs.For(interpreters.Count);
        if (jobs > 1)
        {
            Stage($"resolving with pip with Python {string.Join(", ", interpreters.Select(i => i.VersionText))}", "distributions found");
        }

        var kept = new KeptLog(KeptPipLog.PathFor(request.Output));
        var documents = ResolutionJobs.Run(interpreters, jobs, (i, cancellation) =>
        {
            var each = interpreters[i];
            if (jobs == 1)
            {
                Stage(several ? $"resolving with pip with Python {each.VersionText}" : "resolving with pip", "distributions found");
            }

            var work = Path.Combine(staging.Path, i == 0 ? "resolve" : $"resolve-{i + 1}");
            var resolveRequest = inputs.ToResolveRequest(request, work, kept) with { LogLabel = jobs > 1 ? each.VersionText : null };
            var resolved = new PipResolver(pips[i], log: log, progress: progress).Resolve(resolveRequest, cancellation);
            return ResolutionLock.Create(resolved, request.Output, LockMerge.RequiresPython([each.Version]));
        });
        var resolutions = interpreters.Zip(documents).ToList();

        var document = resolutions.Count == 1 ? resolutions[0].Item2 : LockMerge.Merge(resolutions);
        using var output = AtomicOutputFile.Create(request.Output, staging.Path);
        output.Stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(PylockWriter.Write(document)));
        output.Commit(executable: false);
        return new LockResult(output.FinalPath, document, interpreter);
    }

    /// <summary>Reports the next stage, first stopping if SIGINT/SIGTERM/SIGHUP asked to (the staging directory is removed on the way out).</summary>
    private void Stage(string name, string? counting = null)
    {
        BuildInterruption.ThrowIfRequested();
        progress?.Stage(name, counting);
    }
}
