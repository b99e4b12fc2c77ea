using Satchel.Build.Bundling;
using Satchel.Build.Output;
using Satchel.Build.Packing;
using Satchel.Build.Resolution;
using Satchel.Build.Wheels;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;

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
    BundledInterpreter? Bundled = null);

/// <summary>
/// `satchel build`: resolve with pip, install every wheel into its own tree (one cache unit
/// each), assemble the app unit from sources, includes and the script, derive the run-time
/// interpreter requirement, and write the executable. With --bundle-python the interpreter
/// becomes one more unit and the requirement is that interpreter (docs/bundled-python.md).
/// Everything temporary lives in the build directory beside the output.
/// </summary>
public sealed class PythonAppBuilder(Log log, Action<string>? warn = null, IProgress<string>? stages = null)
{
    public PythonBuildResult Build(PythonBuildRequest request)
    {
        var launcher = LauncherLocator.Find(request.Launcher);
        using var staging = BuildDirectory.Open(request.Output, log, warn);
        stages?.Report("finding the build interpreter");
        var bundled = request.BundlePython is { } bundlePath ? BundledPython.Prepare(bundlePath, staging.Path, log) : null;
        var interpreter = bundled is null
            ? BuildInterpreterLocator.Locate(request.Python, log: log)
            : BundledBuildInterpreter.Choose(bundled, request.Python, log, warn ?? BuildDirectory.WarnOnStandardError);
        request = ProjectBuildOptions.Apply(request, interpreter, log);

        var (projects, wheelFiles, requirements) = ClassifyInputs(request.Inputs);
        var wheels = new List<InstalledWheel>();
        if (projects.Count + wheelFiles.Count + requirements.Count + request.RequirementFiles.Count > 0)
        {
            stages?.Report("resolving with pip");
            var pip = PipLocator.Select(interpreter, request.FindLinks, log: log);
            var resolved = new PipResolver(pip, log: log).Resolve(new ResolveRequest
            {
                WorkDirectory = Path.Combine(staging.Path, "resolve"),
                Requirements = requirements,
                RequirementFiles = request.RequirementFiles,
                ConstraintFiles = request.ConstraintFiles,
                LocalProjects = projects,
                WheelFiles = wheelFiles,
                FindLinks = request.FindLinks,
                IndexUrl = request.IndexUrl,
                ExtraIndexUrls = request.ExtraIndexUrls,
                TrustedHosts = request.TrustedHosts,
                NoIndex = request.NoIndex,
            });
            stages?.Report($"installing {resolved.Distributions.Count} wheels");
            var installRoot = Path.Combine(staging.Path, "wheels");
            Directory.CreateDirectory(installRoot);
            foreach (var distribution in resolved.Distributions.OrderBy(d => d.NormalizedName, StringComparer.Ordinal))
            {
                wheels.Add(WheelInstaller.Install(distribution.WheelPath, Path.Combine(installRoot, distribution.NormalizedName)));
            }

            stages?.Report($"installed {wheels.Count} wheels: {wheels.Sum(w => (long)w.FileCount)} files, {ByteCount.Human(wheels.Sum(w => w.TotalBytes))}");
        }

        var (entryKind, entry) = PythonEntry.Resolve(request, wheels);
        var app = new UnitTreeBuilder();
        foreach (var source in request.Sources)
        {
            app.AddDirectory(ExistingDirectory(source, "--sources"), SourcesDirectory);
        }

        foreach (var include in request.Includes)
        {
            var (from, to) = SplitInclude(include);
            app.AddPath(from, to);
        }

        if (request.Script is { } script)
        {
            app.AddFile(script, entry);
        }

        var requirement = InterpreterRequirementFor(request, interpreter, wheels);
        if (bundled is not null)
        {
            requirement = bundled.Requirement(requirement).ToString();
        }

        var name = request.Name ?? Path.GetFileNameWithoutExtension(request.Output);
        var units = new List<UnitSource> { new(UnitKind.App, name, app.Build()) };
        var paths = new List<UnitPath>();
        if (request.Sources.Count > 0)
        {
            paths.Add(new UnitPath(0, SourcesDirectory));
        }

        foreach (var wheel in wheels)
        {
            paths.Add(new UnitPath(units.Count, WheelLayout.SitePackages));
            units.Add(new UnitSource(UnitKind.Wheel, $"{wheel.Name} {wheel.Version}", SourceTreeScanner.Scan(wheel.TreePath)));
        }

        BundledInterpreter? bundledRecord = null;
        if (bundled is not null)
        {
            bundledRecord = bundled.HeaderRecord(units.Count);
            units.Add(bundled.Unit());
        }

        var python = new PythonLaunch(requirement, entryKind, entry, paths, bundledRecord);
        var spec = new PayloadSpec(name, request.ExtractMode, new LaunchSpec(LaunchKind.Python, 0, string.Empty, request.InjectArgs, request.InjectEnv, python), request.GraceMilliseconds);
        var files = units.Sum(u => u.Entries.Count(e => e.Kind == EntryKind.File));
        stages?.Report($"compressing {units.Count} units ({files} files)");
        var (output, payload) = AppFileWriter.Write(request.Output, staging.Path, launcher, units, spec, request.Compression);
        return new PythonBuildResult(output, payload, interpreter, wheels, requirement, entryKind, entry, bundledRecord);
    }

    /// <summary>Where `--sources` directories are merged inside the app unit; it goes first on sys.path.</summary>
    public const string SourcesDirectory = "site";

    /// <summary>Paths to directories with a pyproject.toml or setup.py are local projects, *.whl files are wheels, the rest requirement specifiers.</summary>
    private static (List<string> Projects, List<string> Wheels, List<string> Requirements) ClassifyInputs(IReadOnlyList<string> inputs)
    {
        var projects = new List<string>();
        var wheels = new List<string>();
        var requirements = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input) && (File.Exists(Path.Combine(input, "pyproject.toml")) || File.Exists(Path.Combine(input, "setup.py"))))
            {
                projects.Add(Path.GetFullPath(input));
            }
            else if (input.EndsWith(".whl", StringComparison.OrdinalIgnoreCase) && File.Exists(input))
            {
                wheels.Add(Path.GetFullPath(input));
            }
            else if (Directory.Exists(input))
            {
                throw new SatchelException(ExitCodes.Usage, $"{input} is a directory without pyproject.toml or setup.py; to put plain source files in the app use --sources {input}");
            }
            else
            {
                requirements.Add(input);
            }
        }

        return (projects, wheels, requirements);
    }

    private static string InterpreterRequirementFor(PythonBuildRequest request, BuildInterpreter interpreter, IReadOnlyList<InstalledWheel> wheels)
    {
        var parts = new List<string>
        {
            request.InterpreterConstraint ?? $"=={interpreter.Version.Major}.{interpreter.Version.Minor}.*",
        };
        parts.AddRange(wheels.Select(WheelInterpreterSpecifier.For).OfType<string>());
        return string.Join(",", parts.Where(p => p.Length > 0).Distinct());
    }

    private static (string From, string To) SplitInclude(string include)
    {
        var eq = include.IndexOf('=');
        var from = eq < 0 ? include : include[..eq];
        var to = eq < 0 ? Path.GetFileName(Path.TrimEndingDirectorySeparator(from)) : include[(eq + 1)..].Trim('/');
        if (!File.Exists(from) && !Directory.Exists(from))
        {
            throw new SatchelException(ExitCodes.NoInput, $"--include {include}: {from} does not exist");
        }

        return (from, to);
    }

    private static string ExistingDirectory(string path, string option) =>
        Directory.Exists(path) ? Path.GetFullPath(path) : throw new SatchelException(ExitCodes.NoInput, $"{option} {path}: no such directory");
}
