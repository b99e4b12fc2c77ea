using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Satchel.Testing.PackageIndex;

/// <summary>
/// Writes small but valid pure-Python wheels (PEP 427): the files, METADATA with Requires-Dist
/// and Requires-Python, WHEEL and a RECORD with real hashes. Entries carry a fixed timestamp, so
/// the same inputs give the same bytes.
/// </summary>
public static class CraftedWheel
{
    private static readonly DateTimeOffset Timestamp = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes name-version-py3-none-any.whl into the directory and returns its path.</summary>
    public static string Write(
        string directory,
        string name,
        string version,
        IEnumerable<string>? requires = null,
        string? requiresPython = null,
        IReadOnlyDictionary<string, string>? files = null)
    {
        var escaped = name.Replace('-', '_').Replace('.', '_');
        var distInfo = $"{escaped}-{version}.dist-info";
        var contents = new List<(string Path, byte[] Data)>();
        foreach (var (path, text) in files ?? new Dictionary<string, string> { [$"{escaped.ToLowerInvariant()}/__init__.py"] = $"__version__ = \"{version}\"\n" })
        {
            contents.Add((path, Encoding.UTF8.GetBytes(text)));
        }

        var metadata = new StringBuilder($"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n");
        foreach (var requirement in requires ?? [])
        {
            metadata.Append($"Requires-Dist: {requirement}\n");
        }

        if (requiresPython is not null)
        {
            metadata.Append($"Requires-Python: {requiresPython}\n");
        }

        contents.Add(($"{distInfo}/METADATA", Encoding.UTF8.GetBytes(metadata.ToString())));
        contents.Add(($"{distInfo}/WHEEL", Encoding.UTF8.GetBytes("Wheel-Version: 1.0\nGenerator: satchel-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n")));
        var record = new StringBuilder();
        foreach (var (path, data) in contents)
        {
            var hash = Convert.ToBase64String(SHA256.HashData(data)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            record.Append($"{path},sha256={hash},{data.Length}\n");
        }

        record.Append($"{distInfo}/RECORD,,\n");
        contents.Add(($"{distInfo}/RECORD", Encoding.UTF8.GetBytes(record.ToString())));

        Directory.CreateDirectory(directory);
        var wheel = Path.Combine(directory, $"{escaped}-{version}-py3-none-any.whl");
        using (var archive = ZipFile.Open(wheel, ZipArchiveMode.Create))
        {
            foreach (var (path, data) in contents)
            {
                var entry = archive.CreateEntry(path, CompressionLevel.Optimal);
                entry.LastWriteTime = Timestamp;
                using var stream = entry.Open();
                stream.Write(data);
            }
        }

        return wheel;
    }
}
