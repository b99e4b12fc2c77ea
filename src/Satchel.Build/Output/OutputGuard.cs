using Satchel.Runtime.Errors;
using Satchel.Runtime.Files;

namespace Satchel.Build.Output;

/// <summary>
/// Refuses, before any work, an output path that would overwrite something the build reads:
/// an input file itself (also through symlinks), or an existing file inside an input directory
/// (`--sources`, `pack DIR`, a project, a `-f` folder) unless that file is a previous Satchel app
/// (rebuilding `--sources . -o app` replaces the old app, which is never packed).
/// </summary>
public static class OutputGuard
{
    public static void Check(string output, IEnumerable<BuildInputPath> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var target = Resolve(output);
        foreach (var input in inputs)
        {
            if (input.Path.Length == 0 || RealPath.TryResolve(input.Path) is not { } real)
            {
                continue;
            }

            if (string.Equals(real, target, StringComparison.Ordinal))
            {
                throw new SatchelException(ExitCodes.Usage,
                    $"-o {output} is the input {input.Option} {input.Path}{Through(output, input.Path)}; the build would replace it: write the app elsewhere");
            }

            if (Directory.Exists(real) && IsInside(target, real) && File.Exists(target) && !SatchelAppFile.Is(target))
            {
                throw new SatchelException(ExitCodes.Usage,
                    $"-o {output} is a file inside the input {input.Option} {input.Path}; the build would replace it: write the app elsewhere");
            }
        }
    }

    /// <summary>
    /// Where writing <paramref name="output"/> lands: the real path of its directory joined with
    /// its name, or the real path of what it links to when it is a symlink to an existing file.
    /// </summary>
    public static string Resolve(string output)
    {
        var full = Path.GetFullPath(output);
        if (RealPath.TryResolve(full) is { } existing)
        {
            return existing;
        }

        var directory = Path.GetDirectoryName(full)!;
        return Path.Combine(RealPath.TryResolve(directory) ?? directory, Path.GetFileName(full));
    }

    private static bool IsInside(string path, string directory) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Through(string output, string input) =>
        string.Equals(Path.GetFullPath(output), Path.GetFullPath(input), StringComparison.Ordinal) ? string.Empty : " (through a link)";
}

/// <summary>A path a build reads, with the option it came from, as the user gave both (for messages).</summary>
public sealed record BuildInputPath(string Option, string Path);
