namespace Satchel.Build.Requests;

/// <summary>
/// Whether pip builds a local project of this build inside the project's own directory: a
/// directory among the inputs, or a requirement or -r line that names one (`./lib`, `-e ./lib`,
/// `name @ file:///…/lib`). A setuptools build writes build/ and *.egg-info there, so pips for
/// several interpreters at once would share them; those builds resolve one interpreter after the other.
/// </summary>
internal static class InPlaceBuilds
{
    public static bool Any(PythonBuildRequest request, BuildInputs inputs)
    {
        if (inputs.Projects.Count > 0)
        {
            return true;
        }

        var current = Environment.CurrentDirectory;
        if (inputs.Requirements.Any(r => NamesDirectory(r, current)))
        {
            return true;
        }

        foreach (var file in request.RequirementFiles.Where(File.Exists))
        {
            // pip takes such paths from the working directory; the file's own directory is checked too, to be safe.
            var beside = Path.GetDirectoryName(Path.GetFullPath(file)) ?? current;
            if (File.ReadLines(file).Any(line => NamesDirectory(line, current) || NamesDirectory(line, beside)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool NamesDirectory(string line, string baseDirectory)
    {
        var text = line.Split(" #", 2)[0].Trim();
        foreach (var editable in new[] { "--editable", "-e" })
        {
            if (text.StartsWith(editable, StringComparison.Ordinal))
            {
                text = text[editable.Length..].TrimStart(' ', '=');
                break;
            }
        }

        if (text.IndexOf(" @ ", StringComparison.Ordinal) is var at and >= 0)
        {
            text = text[(at + 3)..].Trim();
        }

        if (text.StartsWith("file://", StringComparison.Ordinal))
        {
            text = Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri.LocalPath : text["file://".Length..];
        }

        if (text.Length == 0 || text.StartsWith('-') || text.Contains("://", StringComparison.Ordinal) || text.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return false;
        }

        try
        {
            return Directory.Exists(Path.GetFullPath(text, baseDirectory));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }
}
