using Satchel.Runtime.Python;

namespace Satchel.Build.Wheels;

/// <summary>What installing one wheel produced: an interpreter-independent tree and the facts the venv assembly needs.</summary>
/// <param name="TreePath">The installed tree (see <see cref="WheelLayout"/>).</param>
/// <param name="FileName">The parsed wheel file name, with its tags.</param>
/// <param name="Name">The project name from METADATA.</param>
/// <param name="Version">The version from METADATA.</param>
/// <param name="RequiresPython">The Requires-Python specifier, or null.</param>
/// <param name="Info">The WHEEL file's fields.</param>
/// <param name="DistInfoDirectory">The .dist-info directory's name inside site-packages.</param>
/// <param name="ConsoleScripts">console_scripts entry points; their scripts are written at venv assembly (<see cref="ConsoleScript"/>).</param>
/// <param name="GuiScripts">gui_scripts entry points, likewise.</param>
/// <param name="Scripts">The files installed from .data/scripts.</param>
/// <param name="FileCount">Regular files in the tree, INSTALLER and RECORD included.</param>
/// <param name="TotalBytes">Their total size.</param>
/// <param name="HasNativeCode">True when the wheel holds compiled code (.so, .pyd, …) or is tagged for a specific ABI.</param>
public sealed record InstalledWheel(
    string TreePath,
    WheelFileName FileName,
    string Name,
    string Version,
    string? RequiresPython,
    WheelInfo Info,
    string DistInfoDirectory,
    IReadOnlyList<EntryPoint> ConsoleScripts,
    IReadOnlyList<EntryPoint> GuiScripts,
    IReadOnlyList<InstalledScript> Scripts,
    int FileCount,
    long TotalBytes,
    bool HasNativeCode)
{
    public string NormalizedName => ProjectName.Normalize(Name);

    public IReadOnlyList<WheelTag> Tags => FileName.Tags;

    public string SitePackages => Path.Combine(TreePath, WheelLayout.SitePackages);

    /// <summary>The build cache key of the tree when it lives in the build cache, where it never changes; null for a tree in the staging directory.</summary>
    public string? ContentKey { get; init; }
}

/// <summary>A file from the wheel's .data/scripts, installed executable under <see cref="WheelLayout.Scripts"/>.</summary>
/// <param name="Path">The path relative to the installed tree, e.g. "scripts/aws".</param>
/// <param name="NeedsShebangRewrite">True when it starts with "#!python": the venv assembly must give it the venv's interpreter (<see cref="PythonShebang.Rewrite"/>).</param>
public sealed record InstalledScript(string Path, bool NeedsShebangRewrite);
