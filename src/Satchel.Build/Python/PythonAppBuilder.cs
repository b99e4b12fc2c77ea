using System.Security.Cryptography;
using Satchel.Build.Caching;
using Satchel.Build.Locking;
using Satchel.Build.Bundling;
using Satchel.Build.Interruption;
using Satchel.Build.Output;
using Satchel.Build.Packing;
using Satchel.Build.Progress;
using Satchel.Build.Python.Entry;
using Satchel.Build.Reproducibility;
using Satchel.Build.Requests;
using Satchel.Build.Resolution;
using Satchel.Build.Wheels;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Platforms;
using Satchel.Runtime.Python;

namespace Satchel.Build.Python;

/// <summary>What a Python build produced, for the closing summary.</summary>
public sealed record PythonBuildResult(
    string Output,
    PackedPayload Payload,
    BuildInterpreter BuildInterpreter,
    IReadOnlyList<InstalledWheel> Wheels,
    string InterpreterRequirement,
    PythonEntryKind EntryKind,
    string Entry,
    BuildProvenance Provenance,
    BundledInterpreter? Bundled = null)
{
    /// <summary>Every build interpreter, <see cref="BuildInterpreter"/> first (one item unless --python was repeated).</summary>
    public IReadOnlyList<BuildInterpreter> Interpreters { get; init; } = [BuildInterpreter];
}

/// <summary>
/// `satchel build`: resolve with pip, install every wheel into its own tree (one cache unit
/// each), assemble the app unit from sources, includes and the script, derive the run-time
/// interpreter requirement, and write the executable. With --bundle-python the interpreter
/// becomes one more unit and the requirement is that interpreter (docs/bundled-python.md).
/// Everything temporary lives in the build directory beside the output.
/// </summary>
public sealed class PythonAppBuilder(Log log, Action<string>? warn = null, IBuildProgress? progress = null)
{
    public PythonBuildResult Build(PythonBuildRequest request)
    {
        // Only a stage that completed is reported as done: after a failure the error says what happened.
        var result = BuildApp(request);
        progress?.Finish();
        return result;
    }

    private PythonBuildResult BuildApp(PythonBuildRequest request)
    {
        BuildRequestCheck.Check(request, entryRequired: !request.Inputs.Any(Directory.Exists));
        OutputGuard.Check(request.Output, request.ReadPaths());
        var launcher = LauncherLocator.Find(request.Launcher, request.Platform);
        using var staging = BuildDirectory.Open(request.Output, log, warn);
        using var cache = BuildCache.Open(request.UseBuildCache, log);
        var identity = new UnitIdentity();
        Stage("finding the build interpreter");
        var bundled = request.BundlePython is { } bundlePath ? BundledPython.Prepare(bundlePath, staging.Path, log, request.Platform ?? TargetPlatform.Host) : null;
        var interpreter = bundled is null
            ? CachedInterpreterProbe.Locate(cache, request.Python, log)
            : BundledBuildInterpreter.Choose(bundled, request.Python, log, warn ?? BuildDirectory.WarnOnStandardError);
        var interpreters = BuildInterpreters.Locate(interpreter, request.Python, request.MorePythons, log);
        request = ProjectBuildOptions.Apply(request, interpreter, log);
        BuildRequestCheck.Check(request, entryRequired: true);
        BuildInterpreters.CheckConstraint(interpreters, request.InterpreterConstraint);
        OutputGuard.Check(request.Output, request.ReadPaths());

        var (sets, lockSha256) = request.Lock is { } lockPath
            ? CollectLocked(request, lockPath, interpreters, staging.Path)
            : (new InterpreterSetResolver(log, progress).Resolve(request, interpreters, staging.Path, cache), []);

        var wheels = InstallDistinct(sets, staging.Path, cache);
        var (entryKind, entry) = PythonEntry.Resolve(request, [.. sets[0].Wheels.Select(i => wheels[i])], sets[0].Named);
        foreach (var set in sets.Skip(1))
        {
            // One entry for every set: a console script each interpreter's own resolution must provide, as the same kind of script.
            try
            {
                if (PythonEntry.Resolve(request, [.. set.Wheels.Select(i => wheels[i])], set.Named) != (entryKind, entry))
                {
                    throw new SatchelException(ExitCodes.Data,
                        $"-c {request.ConsoleScript} is another kind of script in this interpreter's distributions than in those of {sets[0].Interpreter.Describe()}; pin the distribution that provides it to one version");
                }
            }
            catch (SatchelException e) when (e is not BuildInterruptedException)
            {
                throw BuildInterpreters.Failed(set.Interpreter, e);
            }
        }
        var app = new UnitTreeBuilder();
        if (request.Sources.Count > 0)
        {
            var exclusions = PackExclusions.ForPythonSources(request.Excludes, request.Output, log);
            log.Line($"--sources: {exclusions.Describe()}");
            foreach (var source in request.Sources)
            {
                app.AddDirectory(ExistingDirectory(source, "--sources"), SourcesDirectory, exclusions);
            }
        }

        var ownOutput = PackExclusions.ForIncludes(request.Output, log);
        foreach (var include in request.Includes)
        {
            var (from, to) = SplitInclude(include);
            app.AddPath(from, to, ownOutput);
        }

        if (request.Script is { } script)
        {
            app.AddFile(script, entry);
        }

        var requirements = sets.Select(set => InterpreterRequirementFor(request, set.Interpreter, [.. set.Wheels.Select(i => wheels[i])], set.Target, several: sets.Count > 1)).ToList();
        if (bundled is not null)
        {
            requirements[0] = bundled.Requirement(requirements[0]).ToString();
        }

        var requirement = requirements[0];

        var name = request.Name ?? Path.GetFileNameWithoutExtension(request.Output);
        var units = new List<UnitSource> { new(UnitKind.App, name, app.Build()) };
        CheckSourcesEntryPoints(units[0].Entries);
        foreach (var wheel in wheels)
        {
            units.Add(new UnitSource(UnitKind.Wheel, $"{wheel.Name} {wheel.Version}", CachedTreeListing.Entries(wheel.TreePath, wheel.ContentKey is not null)) { ContentKey = wheel.ContentKey });
        }

        // Each set's sys.path: the sources first, then its wheels in name order (unit i + 1 is wheel i).
        var setPaths = sets.Select(set => (request.Sources.Count > 0 ? [new UnitPath(0, SourcesDirectory)] : new List<UnitPath>())
            .Concat(set.Wheels.Select(i => new UnitPath(i + 1, WheelLayout.SitePackages))).ToList()).ToList();
        var paths = setPaths[0];

        BundledInterpreter? bundledRecord = null;
        if (bundled is not null)
        {
            bundledRecord = bundled.HeaderRecord(units.Count);
            units.Add(bundled.Unit());
        }

        // With several interpreters, an entry that fails for some of them (a module only a newer
        // Python compiles) names the first of those; one that fails for all is the plain error.
        var entryFailures = new List<(int Set, SatchelException Error)>();
        for (var set = 0; set < sets.Count; set++)
        {
            try
            {
                CheckEntry(request, sets[set].Interpreter, units, setPaths[set]);
            }
            catch (SatchelException e) when (sets.Count > 1 && e is not BuildInterruptedException)
            {
                entryFailures.Add((set, e));
            }
        }

        if (entryFailures.Count > 0)
        {
            throw entryFailures.Count == sets.Count ? entryFailures[0].Error : BuildInterpreters.Failed(sets[entryFailures[0].Set].Interpreter, entryFailures[0].Error);
        }

        Stage("compiling bytecode");
        var bytecode = new List<BytecodeUnit>();
        var uncompiled = new List<IReadOnlyList<(string Path, string Reason)>>();
        var sourceUnits = units.Count;
        for (var set = 0; set < sets.Count; set++)
        {
            // One set: every unit, as always. Several: each interpreter compiles its own set's units (the app's and its wheels').
            List<int> members = sets.Count == 1 ? [.. Enumerable.Range(0, sourceUnits)] : [0, .. sets[set].Wheels.Select(i => i + 1)];
            var work = set == 0 ? staging.Path : Path.Combine(staging.Path, $"python-{set + 1}");
            var compiled = BytecodeBuilder.Compile(sets[set].Interpreter, [.. members.Select(m => units[m])], work, log, cache, identity);
            uncompiled.Add(compiled.AppFailures);
            foreach (var (unit, target) in compiled.Units)
            {
                bytecode.Add(new BytecodeUnit(units.Count, members[target], compiled.CacheTag));
                units.Add(unit);
            }
        }

        for (var set = 0; set < sets.Count; set++)
        {
            // "Drop that --python" helps only where another interpreter compiled what this one could not.
            var elsewhere = uncompiled.Where((_, other) => other != set).ToList();
            var onlyHere = uncompiled[set].Any(f => elsewhere.Any(other => !other.Any(o => o.Path == f.Path)));
            WarnUncompiled(uncompiled[set], units[0].Entries, sets[set].Interpreter, suggestDropping: onlyHere);
        }

        var alternatives = Enumerable.Range(1, sets.Count - 1).Select(set => new PythonAlternative(requirements[set], setPaths[set])).ToList();
        var python = new PythonLaunch(requirement, entryKind, entry, paths, bundledRecord, alternatives);
        var provenance = new BuildProvenance(SourceDateEpoch.Resolve(), SatchelVersion.Current, BuildInterpreters.Provenance(interpreters), lockSha256);
        var spec = new PayloadSpec(name, request.ExtractMode, new LaunchSpec(LaunchKind.Python, 0, string.Empty, request.InjectArgs, request.InjectEnv, python), request.GraceMilliseconds, provenance, Bytecode: bytecode);
        var files = units.SelectMany(u => u.Entries).Where(e => e.Kind == EntryKind.File).ToList();
        Stage($"compressing {units.Count} units", "files", files.Count, files.Sum(e => e.Size ?? new FileInfo(e.DiskPath!).Length));
        var (output, payload) = AppFileWriter.Write(request.Output, staging.Path, launcher, units, spec, request.Compression,
            progress is null ? null : new FileProgress(progress), cache is null ? null : new CompressedUnitCache(cache, identity));
        foreach (var line in cache?.Summary() ?? [])
        {
            log.Line(line);
        }

        return new PythonBuildResult(output, payload, interpreter, wheels, string.Join(" or ", requirements), entryKind, entry, provenance, bundledRecord)
        {
            Interpreters = interpreters,
        };
    }

    /// <summary>
    /// Installs each distinct wheel of the sets once, in name order, and records in each set which
    /// of them it holds. With several sets a wheel is the same when its file name and bytes are (a
    /// pure wheel every interpreter resolved is one unit); with one set every wheel is distinct.
    /// </summary>
    private List<InstalledWheel> InstallDistinct(List<InterpreterSet> sets, string staging, BuildCache? cache)
    {
        var distinct = new List<(string NormalizedName, string Path)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var members = sets.Select(_ => new List<int>()).ToList();
        for (var set = 0; set < sets.Count; set++)
        {
            foreach (var wheel in sets[set].WheelPaths)
            {
                var identity = sets.Count == 1 ? wheel.Path : $"{Path.GetFileName(wheel.Path)}\0{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(wheel.Path)))}";
                if (!seen.TryGetValue(identity, out var index))
                {
                    index = distinct.Count;
                    seen[identity] = index;
                    distinct.Add(wheel);
                }

                members[set].Add(index);
            }
        }

        var order = Enumerable.Range(0, distinct.Count).OrderBy(i => distinct[i].NormalizedName, StringComparer.Ordinal).ToList();
        var position = new int[distinct.Count];
        for (var p = 0; p < order.Count; p++)
        {
            position[order[p]] = p;
        }

        for (var set = 0; set < sets.Count; set++)
        {
            sets[set].Wheels.AddRange(members[set].Select(i => position[i]).Order());
        }

        var wheels = new List<InstalledWheel>();
        if (distinct.Count > 0)
        {
            Stage("installing wheels", "wheels", distinct.Count, distinct.Sum(w => new FileInfo(w.Path).Length));
            var installRoot = Path.Combine(staging, "wheels");
            Directory.CreateDirectory(installRoot);
            var installer = new CachedWheelInstaller(cache, installRoot);
            // Without a build cache each wheel installs into a directory of its name: a binary wheel per ABI needs one each.
            var seenNames = new Dictionary<string, int>(StringComparer.Ordinal);
            var installs = new List<(string Directory, string Path)>();
            foreach (var i in order)
            {
                var (name, path) = distinct[i];
                var n = seenNames.GetValueOrDefault(name) + 1;
                seenNames[name] = n;
                installs.Add((n == 1 ? name : $"{name}-{n}", path));
            }

            wheels.AddRange(InstallAll(installer, installs));

            log.Line($"installed {wheels.Count} wheels: {wheels.Sum(w => (long)w.FileCount)} files, {ByteCount.Human(wheels.Sum(w => w.TotalBytes))}");
        }

        return wheels;
    }

    /// <summary>
    /// Installs the wheels on every core (each into its own tree, so they are independent), the
    /// results in the given order. After a failure no further wheel is started, and the error
    /// reported is the first in wheel order among those that failed (a SatchelException as it is,
    /// not wrapped in an AggregateException).
    /// </summary>
    private InstalledWheel[] InstallAll(CachedWheelInstaller installer, List<(string NormalizedName, string Path)> ordered)
    {
        var installed = new InstalledWheel[ordered.Count];
        var failures = new Exception?[ordered.Count];
        var failed = 0;
        Parallel.For(0, ordered.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, i =>
        {
            if (Volatile.Read(ref failed) != 0)
            {
                return;
            }

            try
            {
                BuildInterruption.ThrowIfRequested();
                installed[i] = installer.Install(ordered[i].Path, ordered[i].NormalizedName);
                progress?.Advance(1, new FileInfo(ordered[i].Path).Length);
            }
#pragma warning disable CA1031 // Rethrown below, unwrapped, in wheel order.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures[i] = e;
                Volatile.Write(ref failed, 1);
            }
        });
        if (failures.FirstOrDefault(f => f is not null) is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }

        return installed;
    }

    /// <summary>Where `--sources` directories are merged inside the app unit; it goes first on sys.path.</summary>
    public const string SourcesDirectory = UnitLayout.AppSources;

    /// <summary>
    /// `--lock`: each interpreter's wheels of the lock (its `python_version` markers evaluated for
    /// it), fetched and checked against the lock's hashes (nothing is resolved), and the SHA-256 of
    /// the lock file for the provenance field. The lock is read once, and each stage shown once
    /// for all interpreters.
    /// </summary>
    private (List<InterpreterSet> Sets, byte[] LockSha256) CollectLocked(
        PythonBuildRequest request, string lockPath, IReadOnlyList<BuildInterpreter> interpreters, string staging)
    {
        // Conflicting inputs and a missing lock file were refused before any work (BuildRequestCheck).
        Stage($"reading {lockPath}");
        var document = PylockReader.Read(lockPath, new TomlFileReader(interpreters[0]));
        var lockSha256 = SHA256.HashData(File.ReadAllBytes(lockPath));
        var selected = ResolutionJobs.Run(interpreters, 1, (i, _) =>
        {
            LockCompatibility.Check(document, lockPath, interpreters[i]);
            return PythonVersionMarker.Select(document, lockPath, interpreters[i]);
        });
        Stage("fetching locked wheels", "wheels", selected.Sum(d => d.Packages.Count(p => p.Wheel is not null)));
        var fetched = ResolutionJobs.Run(interpreters, 1, (i, _) =>
        {
            var wheels = new LockedWheelFetcher(lockPath).Fetch(selected[i], Path.Combine(InterpreterSet.WorkDirectory(staging, i), "locked"), progress);
            log.Line($"{lockPath} (sha256 {Convert.ToHexStringLower(lockSha256)}){(interpreters.Count > 1 ? $" for Python {interpreters[i].VersionText}" : string.Empty)}: {wheels.Count} wheels match the lock");
            return wheels;
        });
        var sets = ResolutionJobs.Run(interpreters, 1, (i, _) =>
        {
            List<(string NormalizedName, string Path)> paths = [.. fetched[i], .. BuildLockedProjects(request, selected[i], lockPath, interpreters[i], InterpreterSet.WorkDirectory(staging, i), interpreters.Count > 1)];
            var target = InterpreterSet.TargetFor(request, interpreters[i]);
            foreach (var (_, path) in paths)
            {
                target?.Check(path, "the wheel");
            }

            return new InterpreterSet(interpreters[i], target, paths, []);
        });
        return ([.. sets], lockSha256);
    }

    /// <summary>
    /// A lock's local projects (PEP 751 directories) are built again with `pip wheel --no-deps`:
    /// no resolution, and each built wheel must be the name and version the lock pins. Their build
    /// dependencies come from the command line's -f/-i/--no-index.
    /// </summary>
    /// <param name="several">The build has several interpreters: the stage names this one.</param>
    private List<(string NormalizedName, string Path)> BuildLockedProjects(
        PythonBuildRequest request, PylockDocument document, string lockPath, BuildInterpreter interpreter, string staging, bool several)
    {
        var projects = document.Packages.Where(p => p.Directory is not null).ToList();
        if (projects.Count == 0)
        {
            return [];
        }

        var lockDirectory = Path.GetDirectoryName(Path.GetFullPath(lockPath))!;
        var directories = projects.Select(p => Path.GetFullPath(p.Directory!, lockDirectory)).ToList();
        foreach (var directory in directories.Where(d => !Directory.Exists(d)))
        {
            throw new SatchelException(ExitCodes.NoInput, $"{directory}: no such directory; {lockPath} locks a local project there; restore it or run `satchel lock` again");
        }

        Stage(several ? $"building local projects with Python {interpreter.VersionText}" : "building local projects", "projects", projects.Count);
        var pip = PipLocator.Select(interpreter, request.PackageSources.FindLinks, log: log);
        var built = new PipResolver(pip, log: log, progress: progress).BuildProjects(new BuildInputs(directories, [], []).ToResolveRequest(request, Path.Combine(staging, "projects")));
        var result = new List<(string, string)>();
        foreach (var wheel in built)
        {
            var name = WheelFileName.Parse(wheel);
            var project = projects.Find(p => name.IsOf(p.Name, p.Version))
                ?? throw new SatchelException(ExitCodes.Data,
                    $"pip built {Path.GetFileName(wheel)} from the lock's local projects, but {lockPath} pins {string.Join(", ", projects.Select(p => $"{p.Name} {p.Version}"))}; the project changed since it was locked: run `satchel lock` again");
            result.Add((project.NormalizedName, wheel));
        }

        return result;
    }

    /// <summary>
    /// The header's requirement: the constraint, what binary wheels need, and for another platform's
    /// binary wheels that machine too (`;machine=aarch64`), so discovery there passes over an
    /// interpreter of another machine (an emulated one) that could not load them.
    /// </summary>
    /// <param name="several">One set of several: its own major.minor always, and the constraint besides, so that sets never overlap.</param>
    private static string InterpreterRequirementFor(PythonBuildRequest request, BuildInterpreter interpreter, IReadOnlyList<InstalledWheel> wheels, WheelTarget? target, bool several = false)
    {
        var own = $"=={interpreter.Version.Major}.{interpreter.Version.Minor}.*";
        var parts = several
            ? new List<string> { own, request.InterpreterConstraint ?? string.Empty }
            : [request.InterpreterConstraint ?? own];
        parts.AddRange(wheels.Select(WheelInterpreterSpecifier.For).OfType<string>());
        var clauses = string.Join(",", parts.Where(p => p.Length > 0).Distinct());
        return target is not null && wheels.Any(w => w.HasNativeCode) ? $"{clauses};machine={target.Platform.Machine}" : clauses;
    }

    private static (string From, string To) SplitInclude(string include)
    {
        var eq = include.IndexOf('=');
        var from = eq < 0 ? include : include[..eq];
        var to = eq < 0 ? Path.GetFileName(Path.TrimEndingDirectorySeparator(from)) : include[(eq + 1)..].Trim('/');
        return (from, to);
    }

    /// <summary>The directory as the user gave it (messages name it so), once it is known to exist.</summary>
    private static string ExistingDirectory(string path, string option) =>
        Directory.Exists(path) ? path : throw new SatchelException(ExitCodes.NoInput, $"{option} {path}: no such directory");

    /// <summary>Reports the next stage, first stopping if SIGINT/SIGTERM/SIGHUP asked to (the staging directory is removed on the way out).</summary>
    private void Stage(string name, string? counting = null, long? items = null, long? bytes = null)
    {
        BuildInterruption.ThrowIfRequested();
        progress?.Stage(name, counting, items, bytes);
    }

    /// <summary>
    /// The app's own files that the interpreter could not compile fail when imported under it; a
    /// warning, not an error, since code kept for another Python version behind a version check is
    /// legitimate (and pip installs such files without a word). Named by the user's path.
    /// </summary>
    private void WarnUncompiled(IReadOnlyList<(string Path, string Reason)> failures, IReadOnlyList<SourceEntry> appEntries, BuildInterpreter interpreter, bool suggestDropping)
    {
        if (failures.Count == 0)
        {
            return;
        }

        var onDisk = appEntries.Where(e => e.DiskPath is not null).ToDictionary(e => e.Path, e => e.DiskPath!, StringComparer.Ordinal);
        var shown = failures.Take(3).Select(f => $"{onDisk.GetValueOrDefault(f.Path, f.Path)} ({f.Reason})");
        var more = failures.Count > 3 ? $" and {failures.Count - 3} more" : string.Empty;
        (warn ?? BuildDirectory.WarnOnStandardError)(
            $"{failures.Count} of the app's files {(failures.Count == 1 ? "does" : "do")} not compile under {interpreter.Describe()}: {string.Join("; ", shown)}{more}; importing {(failures.Count == 1 ? "it" : "them")} there fails: fix {(failures.Count == 1 ? "it" : "them")}{(suggestDropping ? " or drop that --python" : string.Empty)}");
    }

    /// <summary>
    /// A `--sources` dist-info's console and GUI scripts become files of the app's venv, so they
    /// are held to the rules a wheel's are (<see cref="EntryPointsFile"/>), here rather than
    /// on the user's machine at the first start.
    /// </summary>
    private static void CheckSourcesEntryPoints(IEnumerable<SourceEntry> appEntries)
    {
        foreach (var entry in appEntries)
        {
            if (entry is { Kind: EntryKind.File, DiskPath: { } diskPath }
                && entry.Path.Split('/') is [SourcesDirectory, var distInfo, "entry_points.txt"]
                && distInfo.EndsWith(".dist-info", StringComparison.Ordinal))
            {
                try
                {
                    EntryPointsFile.ParseScripts(File.ReadAllText(diskPath));
                }
                catch (FormatViolationException e)
                {
                    throw new SatchelException(ExitCodes.Data,
                        $"{diskPath}: {e.Message}; each [console_scripts] and [gui_scripts] line of a --sources dist-info becomes a script of the app: fix it, or leave the dist-info out with --exclude");
                }
            }
        }
    }

    /// <summary>`-m` and `--script` checked against what is packed, before compression and without running app code.</summary>
    private void CheckEntry(PythonBuildRequest request, BuildInterpreter interpreter, List<UnitSource> units, List<UnitPath> paths)
    {
        var verifier = new EntryVerifier(interpreter, log);
        if (request.Module is { } module)
        {
            verifier.CheckModule(module, units, paths);
        }

        if (request.Script is { } script)
        {
            verifier.CheckScript(script);
        }
    }
}
