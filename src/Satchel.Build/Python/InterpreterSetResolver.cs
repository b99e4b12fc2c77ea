using Satchel.Build.Caching;
using Satchel.Build.Interruption;
using Satchel.Build.Output;
using Satchel.Build.Progress;
using Satchel.Build.Requests;
using Satchel.Build.Resolution;
using Satchel.Build.Wheels;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Configuration;

namespace Satchel.Build.Python;

/// <summary>
/// Resolves a build's inputs with pip for each build interpreter, one <see cref="InterpreterSet"/>
/// each. First, one after the other and cheaply, what each needs: its pip, and a resolution the
/// build cache already has (<see cref="ResolutionCache"/>). Then the interpreters pip must resolve
/// for run at once where the machine has the cores (<see cref="ResolutionJobs"/>), under one
/// progress stage; each into its own work directory, so the result, and the app, are the same as
/// one after the other.
/// </summary>
internal sealed class InterpreterSetResolver(Log log, IBuildProgress? progress)
{
    /// <summary>What one interpreter's resolution needs, decided before any pip runs.</summary>
    private sealed record Plan(BuildInterpreter Interpreter, string Work, WheelTarget? Target, PipCommand? Pip, string? Key, IReadOnlyList<ResolvedWheel>? Reused);

    public List<InterpreterSet> Resolve(PythonBuildRequest request, IReadOnlyList<BuildInterpreter> interpreters, string staging, BuildCache? cache)
    {
        var inputs = BuildInputs.Classify(request.Inputs);
        var several = interpreters.Count > 1;
        var plans = ResolutionJobs.Run(interpreters, 1, (i, _) => PlanFor(request, inputs, interpreters[i], InterpreterSet.WorkDirectory(staging, i), cache));
        var pending = plans.Where(p => p.Pip is not null && p.Reused is null).ToList();
        // pip builds a local project inside its own directory (setuptools' build/ and egg-info):
        // two pips at once would share those, so such builds resolve one interpreter after the other.
        var jobs = InPlaceBuilds.Any(request, inputs) ? 1 : ResolutionJobs.For(pending.Count);
        if (jobs > 1)
        {
            var platform = pending[0].Target is { } target ? $" for {target.Platform}" : string.Empty;
            Stage($"resolving with pip{platform} with Python {string.Join(", ", pending.Select(p => p.Interpreter.VersionText))}", "distributions found");
            log.Line($"resolving for {pending.Count} interpreters, {jobs} at a time (at most one per core; {SatchelVariables.ResolveJobs} sets how many)");
        }

        // One kept log for the build: the first failure's stays, whatever the others do meanwhile.
        var kept = new KeptLog(KeptPipLog.PathFor(request.Output));
        var resolved = ResolutionJobs.Run([.. pending.Select(p => p.Interpreter)], jobs,
            (i, cancellation) => Execute(request, inputs, pending[i], cache, kept, announce: jobs == 1, several, cancellation), several);

        var sets = new List<InterpreterSet>();
        foreach (var plan in plans)
        {
            var named = new HashSet<string>(StringComparer.Ordinal);
            var wheels = plan.Reused ?? (plan.Pip is null ? [] : resolved[pending.FindIndex(p => ReferenceEquals(p, plan))]);
            named.UnionWith(wheels.Where(w => w.Requested).Select(w => w.NormalizedName));
            List<(string NormalizedName, string Path)> paths = [.. wheels.Select(w => (w.NormalizedName, w.Path))];
            try
            {
                foreach (var (_, path) in paths)
                {
                    plan.Target?.Check(path, "the wheel");
                }
            }
            catch (SatchelException e) when (several && e is not BuildInterruptedException)
            {
                throw BuildInterpreters.Failed(plan.Interpreter, e);
            }

            sets.Add(new InterpreterSet(plan.Interpreter, plan.Target, paths, named));
        }

        return sets;
    }

    /// <summary>Its pip and the build cache's answer, for one interpreter; no pip at all when there is nothing to resolve.</summary>
    private Plan PlanFor(PythonBuildRequest request, BuildInputs inputs, BuildInterpreter interpreter, string work, BuildCache? cache)
    {
        var target = InterpreterSet.TargetFor(request, interpreter);
        if (!inputs.Any(request))
        {
            return new Plan(interpreter, work, target, null, null, null);
        }

        var pip = PipLocator.Select(interpreter, request.PackageSources.FindLinks, log: log);
        if (cache is null)
        {
            return new Plan(interpreter, work, target, pip, null, null);
        }

        var key = ResolutionCache.KeyOf(request, inputs, pip, target, out var reason);
        if (key is null)
        {
            log.Line($"build cache: pip resolves: {reason}");
            return new Plan(interpreter, work, target, pip, null, null);
        }

        if (new ResolutionCache(cache).Find(key) is { } reused)
        {
            log.Line($"build cache: resolution reused ({reused.Count} wheels): --no-index, find-links listings, requirements, interpreter and options unchanged");
            return new Plan(interpreter, work, target, pip, key, reused);
        }

        return new Plan(interpreter, work, target, pip, key, null);
    }

    /// <summary>
    /// pip's resolution for one interpreter (kept in the build cache when its key still holds);
    /// <paramref name="announce"/>: its own progress stage (one after the other), else the shared one counts it.
    /// </summary>
    private List<ResolvedWheel> Execute(PythonBuildRequest request, BuildInputs inputs, Plan plan, BuildCache? cache, KeptLog kept, bool announce, bool several, CancellationToken cancellation)
    {
        var pip = plan.Pip!;
        if (plan.Target is not null && inputs.Projects.Count > 0)
        {
            inputs = BuildPureProjects(request, inputs, pip, plan.Work, plan.Target);
        }

        if (announce)
        {
            var forTarget = plan.Target is null ? string.Empty : $" for {plan.Target.Describe()}";
            Stage($"resolving with pip{forTarget}{(several ? $" with Python {plan.Interpreter.VersionText}" : string.Empty)}", "distributions found");
        }

        var resolveRequest = inputs.ToResolveRequest(request, Path.Combine(plan.Work, "resolve"), kept) with
        {
            Target = plan.Target,
            LogLabel = several && !announce ? plan.Interpreter.VersionText : null,
        };
        var resolved = new PipResolver(pip, log: log, progress: progress).Resolve(resolveRequest, cancellation);
        // Kept only if nothing it depends on changed while pip ran.
        if (plan.Key is { } key && cache is not null && ResolutionCache.KeyOf(request, inputs, pip, plan.Target, out _) == key)
        {
            return [.. new ResolutionCache(cache).Store(key, resolved.Distributions)];
        }

        return [.. resolved.Distributions.Select(d => new ResolvedWheel(d.NormalizedName, d.WheelPath, d.Requested))];
    }

    /// <summary>
    /// Local projects of a build for another platform: pip builds them here, for this machine, so only
    /// a pure wheel (py3-none-any) can go into the app; it then takes the project's place among the
    /// inputs, and its dependencies are resolved for the target like the rest.
    /// </summary>
    private BuildInputs BuildPureProjects(PythonBuildRequest request, BuildInputs inputs, PipCommand pip, string staging, WheelTarget target)
    {
        Stage($"building {inputs.Projects.Count} local projects");
        var built = new PipResolver(pip, log: log).BuildProjects(new BuildInputs(inputs.Projects, [], []).ToResolveRequest(request, Path.Combine(staging, "projects")));
        if (built.Select(WheelFileName.Parse).FirstOrDefault(w => !w.IsPure) is { } wheel)
        {
            throw new SatchelException(ExitCodes.Data,
                $"the local project {wheel.Distribution} built into {wheel.FileName}, which has compiled code for this machine, not for {target.Describe()}: build its wheel on (or for) {target.Platform} and pass the .whl, or build the app without --platform");
        }

        return inputs with { Projects = [], Wheels = [.. inputs.Wheels, .. built] };
    }

    /// <summary>Reports the next stage, first stopping if SIGINT/SIGTERM/SIGHUP asked to.</summary>
    private void Stage(string name, string? counting = null)
    {
        BuildInterruption.ThrowIfRequested();
        progress?.Stage(name, counting);
    }
}
