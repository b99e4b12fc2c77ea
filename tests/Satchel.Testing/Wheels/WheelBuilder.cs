using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Satchel.Testing.Wheels;

/// <summary>
/// Crafts wheels from scratch for tests: arbitrary files, .data directories, entry points, and on
/// request the defects an installer must refuse (bad RECORD lines, files missing from RECORD,
/// unsafe names, symlinks, sizes the archive lies about). Output is deterministic: members in a
/// fixed order, fixed timestamps, explicit modes.
/// </summary>
public sealed partial class WheelBuilder(string name, string version)
{
    private const int RegularFileType = 0x8000;
    private const int SymlinkType = 0xA000;
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 2, 0, 0, 0, TimeSpan.Zero);

    private readonly List<Member> _members = [];
    private readonly List<(string Group, string Line)> _entryPoints = [];
    private readonly List<string> _extraRecordLines = [];
    private readonly Dictionary<string, string?> _recordOverrides = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _declaredSizes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stored = new(StringComparer.Ordinal);
    private bool _writeRecord = true;

    public string Name { get; } = name;

    public string Version { get; } = version;

    /// <summary>The compatibility tag written into the file name and WHEEL, e.g. "py3-none-any".</summary>
    public string Tag { get; set; } = "py3-none-any";

    public bool RootIsPurelib { get; set; } = true;

    public string? RequiresPython { get; set; }

    /// <summary>The .dist-info directory; defaults to the escaped name and version.</summary>
    public string DistInfo { get; set; } = $"{EscapeName(name)}-{version}.dist-info";

    public string DataDirectory => DistInfo[..^".dist-info".Length] + ".data";

    /// <summary>The wheel's file name; a test may set a malformed one.</summary>
    public string? FileName { get; set; }

    public string DefaultFileName => $"{EscapeName(Name)}-{Version.Replace('-', '_')}-{Tag}.whl";

    /// <summary>PEP 427 escaping: runs of '-', '_' and '.' become '_', lower case.</summary>
    public static string EscapeName(string project) => Separators().Replace(project, "_").ToLowerInvariant();

    public WheelBuilder AddFile(string path, string text, bool executable = false) => AddFile(path, Encoding.UTF8.GetBytes(text), executable);

    public WheelBuilder AddFile(string path, byte[] content, bool executable = false)
    {
        _members.Add(new Member(path, content, RegularFileType | (executable ? 0b111_101_101 : 0b110_100_100)));
        return this;
    }

    /// <summary>Adds a file under .data/&lt;scheme&gt;/ (purelib, platlib, scripts, data, headers, or anything else).</summary>
    public WheelBuilder AddData(string scheme, string path, string text, bool executable = false) =>
        AddFile($"{DataDirectory}/{scheme}/{path}", text, executable);

    /// <summary>Adds a file to the .dist-info directory (a license, or a WHEEL or METADATA that replaces the generated one).</summary>
    public WheelBuilder AddDistInfoFile(string file, string text) => AddFile($"{DistInfo}/{file}", text);

    public WheelBuilder AddEntryPoint(string group, string script, string value)
    {
        _entryPoints.Add((group, $"{script} = {value}"));
        return this;
    }

    /// <summary>A member whose zip mode says symbolic link, with the link target as content.</summary>
    public WheelBuilder AddSymlink(string path, string target)
    {
        _members.Add(new Member(path, Encoding.UTF8.GetBytes(target), SymlinkType | 0b111_111_111));
        return this;
    }

    /// <summary>Leaves <paramref name="path"/> out of RECORD.</summary>
    public WheelBuilder OmitFromRecord(string path)
    {
        _recordOverrides[path] = null;
        return this;
    }

    /// <summary>Writes <paramref name="line"/> in RECORD instead of the correct line for <paramref name="path"/>.</summary>
    public WheelBuilder ReplaceRecordLine(string path, string line)
    {
        _recordOverrides[path] = line;
        return this;
    }

    public WheelBuilder AddRecordLine(string line)
    {
        _extraRecordLines.Add(line);
        return this;
    }

    public WheelBuilder WithoutRecord()
    {
        _writeRecord = false;
        return this;
    }

    /// <summary>Makes the zip's directories (central and local) claim <paramref name="size"/> uncompressed bytes for <paramref name="path"/>.</summary>
    public WheelBuilder DeclareSize(string path, long size)
    {
        _declaredSizes[path] = size;
        return this;
    }

    /// <summary>Stores <paramref name="path"/> without compression (zip method 0), where the archive's sizes are all a reader has to go by.</summary>
    public WheelBuilder Store(string path)
    {
        _stored.Add(path);
        return this;
    }

    /// <summary>Writes the wheel into <paramref name="directory"/> and returns its path.</summary>
    public string Build(string directory)
    {
        var members = _members.ToList();
        AddGenerated(members, "WHEEL", () =>
            $"Wheel-Version: 1.0\nGenerator: satchel-tests\nRoot-Is-Purelib: {(RootIsPurelib ? "true" : "false")}\nTag: {Tag}\n");
        AddGenerated(members, "METADATA", () =>
            $"Metadata-Version: 2.1\nName: {Name}\nVersion: {Version}\n" + (RequiresPython is null ? string.Empty : $"Requires-Python: {RequiresPython}\n"));
        if (_entryPoints.Count > 0)
        {
            var text = string.Concat(_entryPoints.GroupBy(e => e.Group).Select(g => $"[{g.Key}]\n" + string.Concat(g.Select(e => e.Line + "\n")) + "\n"));
            members.Add(new Member($"{DistInfo}/entry_points.txt", Encoding.UTF8.GetBytes(text), RegularFileType | 0b110_100_100));
        }

        // Package files first, the .dist-info last, RECORD at the very end, as wheel builders do.
        members = [.. members.OrderBy(m => m.Path.StartsWith(DistInfo + "/", StringComparison.Ordinal)).ThenBy(m => m.Path, StringComparer.Ordinal)];
        if (_writeRecord)
        {
            members.Add(new Member($"{DistInfo}/RECORD", Encoding.UTF8.GetBytes(Record(members)), RegularFileType | 0b110_100_100));
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName ?? DefaultFileName);
        var bytes = Zip(members);
        foreach (var (member, size) in _declaredSizes)
        {
            ZipSizePatch.SetUncompressedSize(bytes, member, size);
        }

        File.WriteAllBytes(path, bytes);
        return path;
    }

    private void AddGenerated(List<Member> members, string file, Func<string> text)
    {
        var path = $"{DistInfo}/{file}";
        if (!members.Any(m => m.Path == path))
        {
            members.Add(new Member(path, Encoding.UTF8.GetBytes(text()), RegularFileType | 0b110_100_100));
        }
    }

    private string Record(List<Member> members)
    {
        var sb = new StringBuilder();
        foreach (var member in members)
        {
            var line = _recordOverrides.TryGetValue(member.Path, out var replaced) ? replaced : WheelRecordLine.For(member.Path, member.Content);
            if (line is not null)
            {
                sb.Append(line).Append('\n');
            }
        }

        foreach (var line in _extraRecordLines)
        {
            sb.Append(line).Append('\n');
        }

        return sb.Append(WheelRecordLine.Csv($"{DistInfo}/RECORD")).Append(",,\n").ToString();
    }

    private byte[] Zip(List<Member> members)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            foreach (var member in members)
            {
                var entry = zip.CreateEntry(member.Path, _stored.Contains(member.Path) ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
                entry.LastWriteTime = FixedTime;
                entry.ExternalAttributes = member.Mode << 16;
                using var stream = entry.Open();
                stream.Write(member.Content);
            }
        }

        return buffer.ToArray();
    }

    [GeneratedRegex("[-_.]+")]
    private static partial Regex Separators();

    private sealed record Member(string Path, byte[] Content, int Mode);
}
