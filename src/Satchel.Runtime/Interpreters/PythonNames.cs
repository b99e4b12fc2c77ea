using System.Globalization;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Interpreters;

/// <summary>The file names an interpreter goes by: "python3", "python", and "python3.X" (not "python3.7m" or "python3.12-config").</summary>
internal static class PythonNames
{
    /// <summary>The unversioned names, the user's default first.</summary>
    public static IReadOnlyList<string> Unversioned { get; } =
        OperatingSystem.IsWindows() ? ["python3.exe", "python.exe"] : ["python3", "python"];

    /// <summary>The python3.X files in <paramref name="directory"/>, highest X first; none if it cannot be listed.</summary>
    public static IEnumerable<string> Versioned(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return [];
        }

        var found = new List<string>();
        foreach (var name in DirectoryNames.StartingWith(directory, "python3."))
        {
            if (MinorOf(name) is not null)
            {
                found.Add(name);
            }
        }

        found.Sort((a, b) => MinorOf(b)!.Value.CompareTo(MinorOf(a)!.Value));
        return found;
    }

    /// <summary>X of "python3.X"; null for any other name.</summary>
    public static int? MinorOf(string name) =>
        name.StartsWith("python3.", StringComparison.Ordinal)
        && name.Length > 8
        && name.AsSpan(8).ContainsAnyExceptInRange('0', '9') is false
        && int.TryParse(name.AsSpan(8), NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            ? minor
            : null;

    /// <summary>
    /// A version guessed from an install directory ("cpython-3.12.1-linux-x86_64-gnu", "3.13.0")
    /// or else a file name ("python3.12"), used only to order well-known places before probing.
    /// </summary>
    public static PythonVersion? VersionHint(string directoryName, string fileName)
    {
        foreach (var text in new[] { directoryName, fileName })
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (!char.IsAsciiDigit(text[i]) || (i > 0 && char.IsAsciiDigit(text[i - 1])))
                {
                    continue;
                }

                var end = i;
                while (end < text.Length && (char.IsAsciiDigit(text[end]) || (text[end] == '.' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1]))))
                {
                    end++;
                }

                if (text.AsSpan(i, end - i).Contains('.') && PythonVersion.TryParse(text[i..end], out var version, out _))
                {
                    return version;
                }
            }
        }

        return null;
    }
}
