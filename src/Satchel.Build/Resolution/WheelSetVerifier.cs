using Satchel.Build.Wheels;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Resolution;

/// <summary>
/// Checks that a wheel directory holds exactly the resolved set: one wheel per report entry with
/// the resolved name and version, nothing more, and each ready-made wheel byte-identical to the
/// artifact pip resolved (same SHA-256 as in the report).
/// </summary>
internal static class WheelSetVerifier
{
    public static IReadOnlyList<FetchedWheel> Verify(IReadOnlyList<ReportEntry> entries, string directory)
    {
        var byName = new Dictionary<string, (string Path, WheelFileName Name)>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFileSystemEntries(directory))
        {
            var parsed = WheelFileName.TryParse(Path.GetFileName(file))
                ?? throw Mismatch($"pip left {file}, which is not a wheel");
            if (!byName.TryAdd(parsed.NormalizedName, (file, parsed)))
            {
                throw Mismatch($"pip produced two wheels for {parsed.Distribution}: {Path.GetFileName(byName[parsed.NormalizedName].Path)} and {Path.GetFileName(file)}");
            }
        }

        var fetched = new List<FetchedWheel>();
        foreach (var entry in entries)
        {
            if (!byName.Remove(ProjectName.Normalize(entry.Name), out var wheel))
            {
                throw Mismatch($"pip produced no wheel for {entry.Name} {entry.Version} from {entry.Url}");
            }

            if (!wheel.Name.IsOf(entry.Name, entry.Version))
            {
                throw Mismatch($"pip built {Path.GetFileName(wheel.Path)} for {entry.Name}, but resolution chose version {entry.Version} "
                    + "(does the project compute its version at build time?)");
            }

            var sha256 = FileSha256.Of(wheel.Path);
            if (entry.IsWheel && entry.ArchiveSha256 is { } expected && expected != sha256)
            {
                throw Mismatch($"{entry.Url} changed between resolution and download (sha256 {expected} then {sha256})");
            }

            fetched.Add(new FetchedWheel(entry, Path.GetFileName(wheel.Path), sha256));
        }

        if (byName.Count > 0)
        {
            throw Mismatch($"pip produced wheels that resolution did not choose: {string.Join(", ", byName.Values.Select(w => Path.GetFileName(w.Path)))}");
        }

        return fetched;
    }

    private static SatchelException Mismatch(string what) =>
        new(ExitCodes.Data, $"{what}; the wheel set does not match pip's resolution: rerun the build, and check the package sources if it repeats");
}
