using System.Text.RegularExpressions;

namespace Satchel.Testing.Parity;

/// <summary>
/// Puts the paths that must differ between a Satchel app and a venv in common words, so that what
/// is left is what a user would see differ: each unit's or a venv's site-packages becomes {site},
/// a Satchel venv (in the cache or a temp run directory) or the pip venv {venv}, the entry script
/// (the venv's bin/NAME, and the app file the user ran) {script}, the working directory {cwd}.
/// </summary>
public static partial class OutputNormalizer
{
    /// <param name="pipVenv">The pip venv's path (its output) or null (a Satchel app's output).</param>
    /// <param name="app">The app file the user ran (Satchel) or null.</param>
    /// <param name="script">The entry script's name in bin/, or null for a `-m` entry.</param>
    public static string Normalize(string text, string? pipVenv, string? app, string? script, string workingDirectory)
    {
        if (app is not null)
        {
            text = text.Replace(app, "{script}", StringComparison.Ordinal);
        }

        if (pipVenv is not null)
        {
            text = text.Replace(pipVenv, "{venv}", StringComparison.Ordinal);
        }

        text = CacheVenv().Replace(text, "{venv}");
        text = VenvSitePackages().Replace(text, "{site}");
        text = UnitSitePackages().Replace(text, "{site}");
        if (script is not null)
        {
            text = Regex.Replace(text, @"\{venv\}/bin/" + Regex.Escape(script) + @"(?![\w.-])", "{script}");
        }

        return text.Replace(workingDirectory, "{cwd}", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\{venv\}/lib/python3\.\d+/site-packages")]
    private static partial Regex VenvSitePackages();

    [GeneratedRegex(@"/[^\s'""]*?/v1/units/[0-9a-f]{64}/files/site-packages")]
    private static partial Regex UnitSitePackages();

    [GeneratedRegex(@"/[^\s'""]*?/v1/venvs/[0-9a-f]+-[0-9a-f]+-g\d+")]
    private static partial Regex CacheVenv();
}
