using System.Text.Json;

namespace Satchel.Build.Resolution;

/// <summary>
/// What a local project's pyproject.toml says that a build uses: the [project] name and version
/// (null when absent or dynamic), its [project.scripts] and [project.gui-scripts] entry points,
/// and the [tool.satchel] table as JSON (null when there is none). A setup.py-only project has
/// no pyproject.toml: <see cref="HasPyproject"/> is false and everything is empty.
/// </summary>
public sealed record ProjectMetadata(
    string ProjectDirectory,
    bool HasPyproject,
    string? Name,
    string? Version,
    IReadOnlyList<string> Dynamic,
    IReadOnlyDictionary<string, string> Scripts,
    IReadOnlyDictionary<string, string> GuiScripts,
    JsonElement? Satchel);
