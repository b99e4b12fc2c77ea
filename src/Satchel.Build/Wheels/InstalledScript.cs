namespace Satchel.Build.Wheels;

/// <summary>A file from the wheel's .data/scripts, installed executable under <see cref="WheelLayout.Scripts"/>.</summary>
/// <param name="Path">The path relative to the installed tree, e.g. "scripts/aws".</param>
/// <param name="NeedsShebangRewrite">True when it starts with "#!python": the venv assembly must give it the venv's interpreter (<see cref="PythonShebang.Rewrite"/>).</param>
public sealed record InstalledScript(string Path, bool NeedsShebangRewrite);
