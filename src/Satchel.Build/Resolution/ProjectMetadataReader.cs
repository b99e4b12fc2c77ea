using System.Text.Json;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Resolution;

/// <summary>
/// Reads a project's pyproject.toml (through <see cref="TomlFileReader"/>, so with the build
/// interpreter's own parser) and keeps what a build uses: the [project] name, version, dynamic
/// fields and scripts, and [tool.satchel].
/// </summary>
public sealed class ProjectMetadataReader(BuildInterpreter interpreter, string? pipWheel = null, HostEnvironment? host = null, Log? log = null)
{
    private readonly HostEnvironment _host = host ?? HostEnvironment.Current;
    private readonly TomlFileReader _toml = new(interpreter, pipWheel, host);

    public ProjectMetadata Read(string projectDirectory)
    {
        var directory = Path.GetFullPath(projectDirectory, _host.CurrentDirectory);
        var pyproject = Path.Combine(directory, "pyproject.toml");
        if (!File.Exists(pyproject))
        {
            if (!File.Exists(Path.Combine(directory, "setup.py")))
            {
                throw new SatchelException(ExitCodes.NoInput, $"{directory} is not a Python project: it has neither pyproject.toml nor setup.py");
            }

            return new ProjectMetadata(directory, false, null, null, [], Empty, Empty, null);
        }

        using var document = _toml.Read(pyproject);
        var metadata = Parse(directory, document.RootElement);
        log?.Line($"{pyproject}: name {metadata.Name ?? "(none)"}, {metadata.Scripts.Count} scripts, [tool.satchel] {(metadata.Satchel is null ? "absent" : "present")}");
        return metadata;
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private static ProjectMetadata Parse(string directory, JsonElement root)
    {
        var hasProject = root.TryGetProperty("project", out var project) && project.ValueKind == JsonValueKind.Object;
        var satchel = root.TryGetProperty("tool", out var tool) && tool.ValueKind == JsonValueKind.Object
            && tool.TryGetProperty("satchel", out var table) && table.ValueKind == JsonValueKind.Object
                ? table.Clone()
                : (JsonElement?)null;
        return new ProjectMetadata(
            directory,
            true,
            hasProject ? Text(project, "name") : null,
            hasProject ? Text(project, "version") : null,
            hasProject && project.TryGetProperty("dynamic", out var dynamic) && dynamic.ValueKind == JsonValueKind.Array
                ? dynamic.EnumerateArray().Select(e => e.ToString()).ToList()
                : [],
            hasProject ? Table(project, "scripts") : Empty,
            hasProject ? Table(project, "gui-scripts") : Empty,
            satchel);
    }

    private static string? Text(JsonElement table, string key) =>
        table.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, string> Table(JsonElement table, string key)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                result[property.Name] = property.Value.ToString();
            }
        }

        return result;
    }
}
