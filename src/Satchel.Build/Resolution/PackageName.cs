using System.Text.RegularExpressions;

namespace Satchel.Build.Resolution;

/// <summary>Distribution names compared the way Python packaging compares them (PEP 503 normalization).</summary>
public static partial class PackageName
{
    /// <summary>"Flask_Login", "flask.login" and "flask-login" all become "flask-login".</summary>
    public static string Normalize(string name) => Separators().Replace(name.Trim(), "-").ToLowerInvariant();

    [GeneratedRegex("[-_.]+")]
    private static partial Regex Separators();
}
