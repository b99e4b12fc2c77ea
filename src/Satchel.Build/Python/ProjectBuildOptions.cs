using System.Text.Json;
using Satchel.Build.Resolution;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Python;

/// <summary>
/// Build options from local projects' pyproject.toml: `[tool.satchel]` may hold any of
/// `module`, `console-script`, `script`, `interpreter-constraint`, `sources`, `include`,
/// `inject-args`, `inject-env`, `find-links`, `trusted-host`, `name` (the command line wins), and a project with
/// exactly one `[project.scripts]` entry makes that script the default entry.
/// </summary>
public static class ProjectBuildOptions
{
    public static PythonBuildRequest Apply(PythonBuildRequest request, BuildInterpreter interpreter, Log log)
    {
        var projects = request.Inputs.Where(i => Directory.Exists(i) && File.Exists(Path.Combine(i, "pyproject.toml"))).ToList();
        if (projects.Count == 0)
        {
            return request;
        }

        var ambiguous = new List<string>();
        foreach (var project in projects)
        {
            var metadata = new ProjectMetadataReader(interpreter, log: log).Read(project);
            if (metadata.Scripts.Count > 1)
            {
                ambiguous.Add($"{project} has {string.Join(", ", metadata.Scripts.Keys.Order(StringComparer.Ordinal))}");
            }

            if (metadata.Satchel is { ValueKind: JsonValueKind.Object } table)
            {
                request = Merge(request, table, project);
            }

            if (request.Module is null && request.ConsoleScript is null && request.Script is null && metadata.Scripts.Count == 1)
            {
                request = request with { ConsoleScript = metadata.Scripts.Keys.Single() };
                log.Line($"entry: the project's only script '{request.ConsoleScript}'");
            }
        }

        if (request.Module is null && request.ConsoleScript is null && request.Script is null && ambiguous.Count > 0)
        {
            throw new SatchelException(ExitCodes.Usage,
                $"which [project.scripts] entry should the app run? {string.Join("; ", ambiguous)}: choose one with -c NAME");
        }

        return request;
    }

    private static PythonBuildRequest Merge(PythonBuildRequest request, JsonElement table, string project)
    {
        string Relative(string path) => Path.IsPathRooted(path) ? path : Path.Combine(project, path);

        foreach (var property in table.EnumerateObject())
        {
            var value = property.Value;
            request = property.Name switch
            {
                "module" => request with { Module = request.Module ?? Text(value, property.Name) },
                "console-script" => request with { ConsoleScript = request.ConsoleScript ?? Text(value, property.Name) },
                "script" => request with { Script = request.Script ?? Relative(Text(value, property.Name)) },
                "interpreter-constraint" => request with { InterpreterConstraint = request.InterpreterConstraint ?? Text(value, property.Name) },
                "name" => request with { Name = request.Name ?? Text(value, property.Name) },
                "sources" => request with { Sources = [.. request.Sources, .. List(value, property.Name).Select(Relative)] },
                "include" => request with { Includes = [.. request.Includes, .. List(value, property.Name).Select(Relative)] },
                "find-links" => request with { PackageSources = request.PackageSources with { FindLinks = [.. request.PackageSources.FindLinks, .. List(value, property.Name).Select(Relative)] } },
                "trusted-host" => request with { PackageSources = request.PackageSources with { TrustedHosts = [.. request.PackageSources.TrustedHosts, .. List(value, property.Name)] } },
                "inject-args" => request.InjectArgs.Count > 0 ? request : request with { InjectArgs = List(value, property.Name) },
                "inject-env" => request with { InjectEnv = [.. request.InjectEnv, .. Table(value, property.Name)] },
                _ => throw new SatchelException(ExitCodes.Usage,
                    $"{Path.Combine(project, "pyproject.toml")}: unknown key '{property.Name}' in [tool.satchel]; see the README for the keys satchel reads"),
            };
        }

        return request;
    }

    private static string Text(JsonElement value, string key) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Bad(key, "a string");

    private static List<string> List(JsonElement value, string key) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
            ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
            : throw Bad(key, "a list of strings");

    private static IEnumerable<KeyValuePair<string, string>> Table(JsonElement value, string key) =>
        value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, Text(p.Value, key)))
            : throw Bad(key, "a table of strings");

    private static SatchelException Bad(string key, string what) =>
        new(ExitCodes.Usage, $"[tool.satchel] {key} must be {what}");
}
