using Satchel.Build.Wheels;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;

namespace Satchel.Build.Python;

/// <summary>
/// `-c NAME`: the script NAME that pip would install into a venv's bin/ from the resolved
/// distributions: a console or GUI entry point, or a wheel data script (`NAME.data/scripts/NAME`,
/// setuptools' `scripts=`). The distributions named on the command line are searched first, then
/// the others. A name that more than one distribution provides is refused with its owners (pip
/// would leave whichever it installed last). With no match the error lists the scripts of the
/// named distributions and suggests `-m` when one of them has a top-level module of that name.
/// Runs on the installed wheels, before anything is compressed.
/// </summary>
public static class ScriptLookup
{
    /// <param name="named">Normalised names of the distributions named on the command line (empty: all count as named).</param>
    public static (PythonEntryKind Kind, string Entry) Find(string name, IReadOnlyList<InstalledWheel> wheels, IReadOnlySet<string> named)
    {
        var primary = named.Count == 0 ? wheels : wheels.Where(w => named.Contains(w.NormalizedName)).ToList();
        var secondary = named.Count == 0 ? [] : wheels.Where(w => !named.Contains(w.NormalizedName)).ToList();
        foreach (var tier in new[] { primary, secondary })
        {
            var owners = tier.Where(w => Provides(w, name)).ToList();
            var all = wheels.Where(w => Provides(w, name)).ToList();
            if (owners.Count == 0)
            {
                continue;
            }

            if (all.Count > 1)
            {
                throw new SatchelException(ExitCodes.Usage,
                    $"-c {name}: the script is provided by {all.Count} distributions ({string.Join(", ", all.Select(w => $"{w.Name} {w.Version}"))}); a venv would hold only the one installed last; use -m MODULE[:FUNC] to choose");
            }

            return KindOf(owners[0], name);
        }

        throw new SatchelException(ExitCodes.Usage, NoMatch(name, primary));
    }

    /// <summary>The scripts <paramref name="wheel"/> puts into bin/: entry points and data scripts.</summary>
    public static IEnumerable<string> ScriptsOf(InstalledWheel wheel) =>
        wheel.ConsoleScripts.Concat(wheel.GuiScripts).Select(e => e.Name)
            .Concat(wheel.Scripts.Where(s => s.Path.Count(c => c == '/') == 1).Select(s => Path.GetFileName(s.Path)))
            .Distinct(StringComparer.Ordinal);

    private static bool Provides(InstalledWheel wheel, string name) => ScriptsOf(wheel).Contains(name, StringComparer.Ordinal);

    private static (PythonEntryKind Kind, string Entry) KindOf(InstalledWheel wheel, string name)
    {
        if (wheel.ConsoleScripts.Concat(wheel.GuiScripts).Any(e => e.Name == name))
        {
            return (PythonEntryKind.VenvScript, name);
        }

        var script = wheel.Scripts.First(s => Path.GetFileName(s.Path) == name && s.Path.Count(c => c == '/') == 1);
        return (script.NeedsShebangRewrite ? PythonEntryKind.VenvScript : PythonEntryKind.VenvExecutable, name);
    }

    private static string NoMatch(string name, IReadOnlyList<InstalledWheel> named)
    {
        var listed = named.Select(w => (w, Scripts: ScriptsOf(w).Order(StringComparer.Ordinal).ToList())).ToList();
        var available = listed.Where(x => x.Scripts.Count > 0).Select(x => $"{x.w.Name}: {string.Join(", ", x.Scripts)}").ToList();
        var module = name.Replace('-', '_');
        var package = named.FirstOrDefault(w => HasTopLevelModule(w, module));
        var hint = package is null ? "give one of those, or -m MODULE[:FUNC]" : $"to run {package.Name}'s module {module} use -m {module}";
        return $"-c {name}: no console, GUI or data script '{name}' in {(named.Count == 1 ? named[0].Name : "the distributions named")}; "
            + $"{(available.Count == 0 ? "they have no scripts" : "scripts: " + string.Join("; ", available))}; {hint}";
    }

    private static bool HasTopLevelModule(InstalledWheel wheel, string module)
    {
        var site = wheel.SitePackages;
        return Directory.Exists(Path.Combine(site, module)) || File.Exists(Path.Combine(site, module + ".py"))
            || (Directory.Exists(site) && Directory.EnumerateFiles(site, module + ".*.so").Any());
    }
}
