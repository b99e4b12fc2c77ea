using Satchel.Build.Output;
using Satchel.Build.Resolution;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Requests;

/// <summary>
/// The positional inputs of `satchel build` and `satchel lock` sorted out: paths to directories
/// with a pyproject.toml or setup.py are local projects, *.whl files are wheels, the rest
/// requirement specifiers; and the pip resolution request they make with the source options.
/// </summary>
public sealed record BuildInputs(IReadOnlyList<string> Projects, IReadOnlyList<string> Wheels, IReadOnlyList<string> Requirements)
{
    public static BuildInputs Classify(IReadOnlyList<string> inputs)
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

        return new BuildInputs(projects, wheels, requirements);
    }

    /// <summary>True when there is anything to resolve.</summary>
    public bool Any(PythonBuildRequest request) => Projects.Count + Wheels.Count + Requirements.Count + request.RequirementFiles.Count > 0;

    /// <summary>
    /// The pip resolution these inputs and <paramref name="request"/>'s source options ask for, worked in <paramref name="workDirectory"/>;
    /// pip's log kept, on failure, in <paramref name="keptLog"/> (one per build when several interpreters resolve), else OUT.pip.log.
    /// </summary>
    public ResolveRequest ToResolveRequest(PythonBuildRequest request, string workDirectory, KeptLog? keptLog = null) => new()
    {
        WorkDirectory = workDirectory,
        Requirements = Requirements,
        RequirementFiles = request.RequirementFiles,
        ConstraintFiles = request.ConstraintFiles,
        LocalProjects = Projects,
        WheelFiles = Wheels,
        PackageSources = request.PackageSources,
        RequireHashes = request.RequireHashes,
        KeptLog = keptLog ?? new KeptLog(KeptPipLog.PathFor(request.Output)),
    };
}
