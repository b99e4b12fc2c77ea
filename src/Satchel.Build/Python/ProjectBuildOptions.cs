using System.Text.Json;
using Satchel.Build.Requests;
using Satchel.Build.Resolution;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Python;

/// <summary>
/// Build options from local projects' pyproject.toml: `[tool.satchel]` may hold any of
/// `module`, `console-script`, `script`, `interpreter-constraint`, `sources`, `include`,
/// `inject-args`, `inject-env`, `find-links`, `trusted-host`, `name`, and a project with
/// exactly one `[project.scripts]` entry makes that script the default entry.
/// </summary>
/// <remarks>
/// The command line wins, then the first project that says something: a value (the entry, the
/// interpreter constraint, the name, the injected arguments as a whole) is taken from a project
/// only when nothing before it set one, and each injected variable likewise by its name (the
/// launcher sets them in order, so a later duplicate would silently win). The entry is one
/// choice: a `-c` on the command line leaves a project's `module` unused rather than
/// conflicting with it. Lists of inputs (`sources`, `include`, `find-links`, `trusted-host`)
/// add to the command line's.
/// </remarks>
public static class ProjectBuildOptions
{
    public static PythonBuildRequest Apply(PythonBuildRequest request, BuildInterpreter interpreter, Log log)
    {
        var projects = request.Inputs.Where(i => Directory.Exists(i) && File.Exists(Path.Combine(i, "pyproject.toml"))).ToList();
        return projects.Count == 0
            ? request
            : Apply(request, [.. projects.Select(p => new ProjectMetadataReader(interpreter, log: log).Read(p))], log);
    }

    /// <summary>Merges what the projects' pyproject.toml files say (already read) into <paramref name="request"/>.</summary>
    public static PythonBuildRequest Apply(PythonBuildRequest request, IReadOnlyList<ProjectMetadata> projects, Log log)
    {
        var ambiguous = new List<string>();
        foreach (var metadata in projects)
        {
            var project = metadata.ProjectDirectory;
            if (metadata.Scripts.Count > 1)
            {
                ambiguous.Add($"{project} has {string.Join(", ", metadata.Scripts.Keys.Order(StringComparer.Ordinal))}");
            }

            if (metadata.Satchel is { ValueKind: JsonValueKind.Object } table)
            {
                request = Merge(request, table, project);
            }

            if (!HasEntry(request) && metadata.Scripts.Count == 1)
            {
                request = request with { ConsoleScript = metadata.Scripts.Keys.Single() };
                log.Line($"entry: the project's only script '{request.ConsoleScript}'");
            }
        }

        if (!HasEntry(request) && ambiguous.Count > 0)
        {
            throw new SatchelException(ExitCodes.Usage,
                $"which [project.scripts] entry should the app run? {string.Join("; ", ambiguous)}: choose one with -c NAME");
        }

        return request;
    }

    private static bool HasEntry(PythonBuildRequest request) => request.Module is not null || request.ConsoleScript is not null || request.Script is not null;

    private static PythonBuildRequest Merge(PythonBuildRequest request, JsonElement table, string project)
    {
        string Relative(string path) => Path.IsPathRooted(path) ? path : Path.Combine(project, path);

        // Decided before this table: a project that names two entries still conflicts with itself.
        var entryTaken = HasEntry(request);
        foreach (var property in table.EnumerateObject())
        {
            var value = property.Value;
            request = property.Name switch
            {
                "module" => entryTaken ? Checked(request, value, property.Name) : request with { Module = Text(value, property.Name) },
                "console-script" => entryTaken ? Checked(request, value, property.Name) : request with { ConsoleScript = Text(value, property.Name) },
                "script" => entryTaken ? Checked(request, value, property.Name) : request with { Script = Relative(Text(value, property.Name)) },
                "interpreter-constraint" => request with { InterpreterConstraint = request.InterpreterConstraint ?? Text(value, property.Name) },
                "name" => request with { Name = request.Name ?? Text(value, property.Name) },
                "sources" => request with { Sources = [.. request.Sources, .. List(value, property.Name).Select(Relative)] },
                "include" => request with { Includes = [.. request.Includes, .. List(value, property.Name).Select(Relative)] },
                "find-links" => request with { PackageSources = request.PackageSources with { FindLinks = [.. request.PackageSources.FindLinks, .. List(value, property.Name).Select(Relative)] } },
                "trusted-host" => request with { PackageSources = request.PackageSources with { TrustedHosts = [.. request.PackageSources.TrustedHosts, .. List(value, property.Name)] } },
                "inject-args" => request.InjectArgs.Count > 0 ? Checked(request, value, property.Name, List) : request with { InjectArgs = List(value, property.Name) },
                "inject-env" => request with { InjectEnv = WithUnsetVariables(request.InjectEnv, Table(value, property.Name)) },
                _ => throw new SatchelException(ExitCodes.Usage,
                    $"{Path.Combine(project, "pyproject.toml")}: unknown key '{property.Name}' in [tool.satchel]; see the README for the keys satchel reads"),
            };
        }

        return request;
    }

    /// <summary>A value that loses to an earlier one is still checked: a mistake in pyproject.toml does not hide behind the command line.</summary>
    private static PythonBuildRequest Checked<T>(PythonBuildRequest request, JsonElement value, string key, Func<JsonElement, string, T> read)
    {
        _ = read(value, key);
        return request;
    }

    private static PythonBuildRequest Checked(PythonBuildRequest request, JsonElement value, string key) => Checked(request, value, key, Text);

    /// <summary>The variables already set, then those of <paramref name="added"/> whose names are not.</summary>
    private static List<KeyValuePair<string, string>> WithUnsetVariables(IReadOnlyList<KeyValuePair<string, string>> set, IEnumerable<KeyValuePair<string, string>> added)
    {
        var names = set.Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        return [.. set, .. added.Where(v => names.Add(v.Key))];
    }

    private static string Text(JsonElement value, string key) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Bad(key, "a string");

    private static List<string> List(JsonElement value, string key) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
            ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
            : throw Bad(key, "a list of strings");

    private static List<KeyValuePair<string, string>> Table(JsonElement value, string key) =>
        value.ValueKind == JsonValueKind.Object
            ? [.. value.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, Text(p.Value, key)))]
            : throw Bad(key, "a table of strings");

    private static SatchelException Bad(string key, string what) =>
        new(ExitCodes.Usage, $"[tool.satchel] {key} must be {what}");
}
