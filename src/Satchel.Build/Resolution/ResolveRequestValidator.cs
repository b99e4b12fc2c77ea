using Satchel.Build.Wheels;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Resolution;

/// <summary>
/// Checks a request before pip runs, so a missing file or a contradictory option is reported by
/// its path with the right exit code (66 no input, 64 usage) instead of as pip's error text.
/// </summary>
internal static class ResolveRequestValidator
{
    public static void Validate(ResolveRequest request, string baseDirectory)
    {
        if (request.Requirements.Count + request.RequirementFiles.Count + request.LocalProjects.Count + request.WheelFiles.Count == 0)
        {
            throw new SatchelException(ExitCodes.Usage, "nothing to resolve: give requirements, -r files, local projects or wheel files");
        }

        if (request.Target is { } target && request.LocalProjects.Count > 0)
        {
            throw new SatchelException(ExitCodes.Usage,
                $"local projects cannot be resolved for {target.Describe()}: pip would build them for this machine; build them into wheels first ({string.Join(", ", request.LocalProjects)})");
        }

        if (request.PackageSources is { NoIndex: true } sources && (sources.IndexUrl is not null || sources.ExtraIndexUrls.Count > 0))
        {
            throw new SatchelException(ExitCodes.Usage, "--no-index contradicts --index-url/--extra-index-url; use one or the other");
        }

        foreach (var requirement in request.Requirements)
        {
            if (string.IsNullOrWhiteSpace(requirement) || requirement.TrimStart().StartsWith('-'))
            {
                throw new SatchelException(ExitCodes.Usage,
                    $"\"{requirement}\" is not a requirement specifier; pass pip options through satchel's own options (-r, --constraint, -f, -i, --no-index; `satchel build --help` lists them)");
            }
        }

        foreach (var file in request.RequirementFiles.Concat(request.ConstraintFiles))
        {
            RequireFile(file, baseDirectory, "requirements file");
        }

        foreach (var wheel in request.WheelFiles)
        {
            var full = RequireFile(wheel, baseDirectory, "wheel");
            if (WheelFileName.TryParse(Path.GetFileName(full)) is null)
            {
                throw new SatchelException(ExitCodes.Usage, $"{full} is not named like a wheel (name-version-python-abi-platform.whl); pass wheels, or projects as directories");
            }
        }

        foreach (var project in request.LocalProjects)
        {
            var full = Path.GetFullPath(project, baseDirectory);
            if (!Directory.Exists(full))
            {
                throw new SatchelException(ExitCodes.NoInput, $"project directory {full} does not exist; pass the folder that holds pyproject.toml or setup.py");
            }

            if (!File.Exists(Path.Combine(full, "pyproject.toml")) && !File.Exists(Path.Combine(full, "setup.py")))
            {
                throw new SatchelException(ExitCodes.NoInput, $"{full} is not a Python project: it has neither pyproject.toml nor setup.py");
            }
        }

        foreach (var link in request.PackageSources.FindLinks)
        {
            if (LocalLocation.ToPath(link, baseDirectory) is { } local && !Directory.Exists(local) && !File.Exists(local))
            {
                throw new SatchelException(ExitCodes.NoInput, $"find-links folder {local} does not exist; create it or fix the --find-links path");
            }
        }
    }

    private static string RequireFile(string path, string baseDirectory, string what)
    {
        var full = Path.GetFullPath(path, baseDirectory);
        return File.Exists(full)
            ? full
            : throw new SatchelException(ExitCodes.NoInput, $"{what} {full} does not exist; check the path");
    }
}
