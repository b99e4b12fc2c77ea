namespace Satchel.Build.Wheels;

/// <summary>
/// A script entry point from entry_points.txt: <c>name = module:attr [extra, …]</c>. The attribute
/// may be dotted ("cli.main"), in which case its first part is what gets imported.
/// </summary>
/// <param name="Group">"console_scripts" or "gui_scripts".</param>
/// <param name="Name">The script's file name.</param>
/// <param name="Module">The dotted module to import.</param>
/// <param name="Attribute">The (possibly dotted) callable inside <paramref name="Module"/>.</param>
/// <param name="Extras">Extras named in brackets; they do not change the script.</param>
public sealed record EntryPoint(string Group, string Name, string Module, string Attribute, IReadOnlyList<string> Extras)
{
    public const string ConsoleScripts = "console_scripts";
    public const string GuiScripts = "gui_scripts";

    public override string ToString() => $"{Name} = {Module}:{Attribute}";
}
