namespace Satchel.Build.Wheels;

/// <summary>
/// A parsed wheel file name (PEP 427):
/// <c>{distribution}-{version}(-{build})?-{python}-{abi}-{platform}.whl</c>, where each of the
/// last three may be a compressed set ("py2.py3") that expands into one tag per combination.
/// </summary>
public sealed record WheelFileName(
    string FileName,
    string Distribution,
    string Version,
    string? BuildTag,
    IReadOnlyList<string> PythonTags,
    IReadOnlyList<string> AbiTags,
    IReadOnlyList<string> PlatformTags)
{
    /// <summary>The PEP 503 normalised project name.</summary>
    public string NormalizedName => ProjectName.Normalize(Distribution);

    /// <summary>Every tag the compressed sets expand to, in the order written.</summary>
    public IReadOnlyList<WheelTag> Tags =>
        [.. from python in PythonTags from abi in AbiTags from platform in PlatformTags select new WheelTag(python, abi, platform)];

    /// <summary>True when no tag needs a particular ABI or platform ("py3-none-any" and the like).</summary>
    public bool IsPure => AbiTags.All(a => a == "none") && PlatformTags.All(p => p == "any");

    /// <summary>
    /// True when this is a wheel of <paramref name="project"/> at <paramref name="version"/>: names
    /// compare normalised, versions with '-' escaped as '_' (PEP 427) and without case (PEP 440).
    /// </summary>
    public bool IsOf(string project, string version) =>
        NormalizedName == ProjectName.Normalize(project)
        && string.Equals(Version.Replace('_', '-'), version.Replace('_', '-'), StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a file name (not a path); null when it is not a well-formed wheel name.</summary>
    public static WheelFileName? TryParse(string fileName)
    {
        const string suffix = ".whl";
        if (!fileName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) || fileName.Contains('/') || fileName.Contains('\\'))
        {
            return null;
        }

        var parts = fileName[..^suffix.Length].Split('-');
        if (parts.Length is not (5 or 6) || parts.Any(p => p.Length == 0 || p.Any(char.IsWhiteSpace)))
        {
            return null;
        }

        string? build = parts.Length == 6 ? parts[2] : null;
        if (build is not null && !char.IsAsciiDigit(build[0]))
        {
            return null;
        }

        var tags = parts[^3..].Select(p => p.Split('.')).ToArray();
        if (tags.Any(set => set.Any(t => t.Length == 0)))
        {
            return null;
        }

        return new WheelFileName(fileName, parts[0], parts[1], build, tags[0], tags[1], tags[2]);
    }

    /// <summary>Parses the file name of <paramref name="wheelPath"/>, refusing the wheel when it is malformed.</summary>
    public static WheelFileName Parse(string wheelPath) =>
        TryParse(Path.GetFileName(wheelPath))
        ?? throw new InvalidWheelException(wheelPath, "the file name is not a wheel name (name-version[-build]-python-abi-platform.whl)");
}
