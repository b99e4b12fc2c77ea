using Satchel.Build.Output;
using Satchel.Build.Packing;
using Satchel.Build.Resolution;
using Satchel.Runtime.Format;
using Satchel.Runtime.Platforms;

namespace Satchel.Build.Requests;

/// <summary>The inputs of `satchel build`, after the command line and [tool.satchel] were merged.</summary>
public sealed record PythonBuildRequest
{
    public required string Output { get; init; }

    /// <summary>Requirement specifiers, local project directories and wheel files, as given.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];

    public IReadOnlyList<string> RequirementFiles { get; init; } = [];

    public IReadOnlyList<string> ConstraintFiles { get; init; } = [];

    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>`--exclude PATTERN`: gitignore-style patterns left out of every `--sources` directory (not of `--include`).</summary>
    public IReadOnlyList<string> Excludes { get; init; } = [];

    /// <summary>`SRC[=DEST]`: a file or directory copied into the app at DEST (default: its name).</summary>
    public IReadOnlyList<string> Includes { get; init; } = [];

    /// <summary>Where pip finds distributions: -f, -i, --extra-index-url, --trusted-host, --no-index.</summary>
    public PackageSources PackageSources { get; init; } = new();

    /// <summary>pip --require-hashes: every requirement (in requirement files) must carry a hash, and every artifact must match it.</summary>
    public bool RequireHashes { get; init; }

    /// <summary>`--lock pylock.toml`: build exactly the lock's wheels, checked against its hashes, with no resolution.</summary>
    public string? Lock { get; init; }

    /// <summary>The build interpreter (--python); null for python3 on PATH.</summary>
    public string? Python { get; init; }

    /// <summary>
    /// The second and later `--python`: more interpreters the app is built for, each resolving the
    /// same inputs into a set of its own (docs/interpreters.md, "Several interpreters").
    /// </summary>
    public IReadOnlyList<string> MorePythons { get; init; } = [];

    /// <summary>`--bundle-python PATH`: a relocatable CPython (directory or .tar.gz) shipped inside the app.</summary>
    public string? BundlePython { get; init; }

    /// <summary>`-m MODULE[:FUNC]`.</summary>
    public string? Module { get; init; }

    /// <summary>`-c NAME`: a console script of the resolved distributions.</summary>
    public string? ConsoleScript { get; init; }

    /// <summary>`--script FILE`: a Python file put into the app and run as __main__.</summary>
    public string? Script { get; init; }

    public string? InterpreterConstraint { get; init; }

    public IReadOnlyList<string> InjectArgs { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> InjectEnv { get; init; } = [];

    public string? Name { get; init; }

    public string? Launcher { get; init; }

    /// <summary>
    /// `--platform`: the machine the app runs on; null for this machine's. Another machine's build
    /// takes only wheels for it (docs/resolution.md#building-for-another-platform).
    /// </summary>
    public TargetPlatform? Platform { get; init; }

    public CompressionSettings Compression { get; init; } = CompressionSettings.Default;

    /// <summary>False with `--no-build-cache`: nothing is taken from or stored in the build cache (docs/cache-layout.md, "The build cache").</summary>
    public bool UseBuildCache { get; init; } = true;

    /// <summary>`--extract`: into the shared cache (default) or a private temporary directory per run.</summary>
    public ExtractMode ExtractMode { get; init; } = ExtractMode.Cache;

    /// <summary>`--grace-period`: how long a temp-mode app may take to exit after a terminating signal.</summary>
    public int GraceMilliseconds { get; init; } = PayloadHeader.DefaultGraceMilliseconds;

    /// <summary>Every file and directory the build reads, by option: what -o must never overwrite (see <see cref="OutputGuard"/>).</summary>
    public IEnumerable<BuildInputPath> ReadPaths()
    {
        foreach (var input in Inputs.Where(i => File.Exists(i) || Directory.Exists(i)))
        {
            yield return new("input", input);
        }

        foreach (var (option, paths) in new (string, IEnumerable<string>)[]
        {
            ("-r", RequirementFiles), ("--constraint", ConstraintFiles), ("--sources", Sources), ("-f", PackageSources.FindLinks),
            ("--include", Includes.Select(i => i.Split('=', 2)[0])),
            ("--lock", [.. Nullable(Lock)]), ("--script", [.. Nullable(Script)]), ("--launcher", [.. Nullable(Launcher)]), ("--bundle-python", [.. Nullable(BundlePython)]),
        })
        {
            foreach (var path in paths)
            {
                yield return new(option, path);
            }
        }
    }

    private static IEnumerable<string> Nullable(string? path) => path is null ? [] : [path];
}
