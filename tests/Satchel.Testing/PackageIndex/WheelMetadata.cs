using System.IO.Compression;

namespace Satchel.Testing.PackageIndex;

/// <summary>The few METADATA fields the index serves, read from a wheel's top-level *.dist-info/METADATA.</summary>
internal static class WheelMetadata
{
    public static string? RequiresPython(string wheel)
    {
        using var archive = ZipFile.OpenRead(wheel);
        var metadata = archive.Entries.FirstOrDefault(e =>
            e.FullName.EndsWith(".dist-info/METADATA", StringComparison.Ordinal) && e.FullName.Count(c => c == '/') == 1);
        if (metadata is null)
        {
            return null;
        }

        using var reader = new StreamReader(metadata.Open());
        // Headers end at the first blank line; the description body may follow.
        for (var line = reader.ReadLine(); !string.IsNullOrEmpty(line); line = reader.ReadLine())
        {
            if (line.StartsWith("Requires-Python:", StringComparison.OrdinalIgnoreCase))
            {
                return line["Requires-Python:".Length..].Trim();
            }
        }

        return null;
    }
}
