using System.Text.Json;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Resolution;

/// <summary>
/// Reads a project's pyproject.toml through the build interpreter (tomllib, or pip's vendored
/// tomli before Python 3.11), so Satchel needs no TOML parser of its own and reads the file
/// exactly as the project's own tools do. An invalid file is exit 65 with the parser's message.
/// It needs no <see cref="PipCommand"/>, so [tool.satchel] can be read before pip is chosen; an
/// interpreter older than 3.11 without pip can borrow tomli from a pip wheel (<paramref name="pipWheel"/>).
/// </summary>
public sealed class ProjectMetadataReader(BuildInterpreter interpreter, string? pipWheel = null, HostEnvironment? host = null, Log? log = null)
{
    private const int InvalidToml = 3;
    private const int NoTomlParser = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly HostEnvironment _host = host ?? HostEnvironment.Current;

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

        var outcome = CapturedProcess.Run(interpreter.Path,
            ["-E", "-s", "-B", "-c", PythonScripts.ReadPyproject, pyproject, pipWheel ?? string.Empty],
            IsolatedPythonEnvironment.Create(_host), directory, timeout: Timeout);
        switch (outcome.ExitCode)
        {
            case 0:
                var metadata = Parse(directory, outcome.StdOut);
                log?.Line($"{pyproject}: name {metadata.Name ?? "(none)"}, {metadata.Scripts.Count} scripts, [tool.satchel] {(metadata.Satchel is null ? "absent" : "present")}");
                return metadata;
            case InvalidToml:
                throw new SatchelException(ExitCodes.Data, $"{pyproject} is not valid TOML ({PythonFailure.LastLine(outcome.StdErr)}); fix the file");
            case NoTomlParser:
                throw new SatchelException(ExitCodes.Unavailable, $"{interpreter.Describe()} cannot read {pyproject}: it has neither tomllib nor pip's tomli; pass --python with Python 3.11+ or one with pip");
            default:
                throw new SatchelException(ExitCodes.Unavailable, $"{interpreter.Describe()} failed to read {pyproject} ({PythonFailure.Describe(outcome)}); pass --python PATH to a working interpreter");
        }
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private static ProjectMetadata Parse(string directory, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var project = root.GetProperty("project");
        var hasProject = project.ValueKind == JsonValueKind.Object;
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
            root.GetProperty("satchel") is { ValueKind: JsonValueKind.Object } satchel ? satchel.Clone() : null);
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
