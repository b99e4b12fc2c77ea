using System.IO.Compression;
using System.Text;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;

namespace Satchel.Build.Wheels;

/// <summary>
/// A wheel opened for installing: every member name checked (relative, '/'-separated, no '..',
/// no drive letters, no backslashes, no symlinks, no duplicates), and the one .dist-info
/// directory found. Nothing here writes to disk.
/// </summary>
public sealed class WheelArchive : IDisposable
{
    private const string DistInfoSuffix = ".dist-info";

    private readonly FileStream _stream;
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, WheelMember> _byPath;

    private WheelArchive(string path, WheelFileName fileName, FileStream stream, ZipArchive zip, List<WheelMember> files, string distInfo)
    {
        WheelPath = path;
        FileName = fileName;
        _stream = stream;
        _zip = zip;
        Files = files;
        _byPath = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        DistInfoDirectory = distInfo;
    }

    public string WheelPath { get; }

    public WheelFileName FileName { get; }

    /// <summary>Every regular file, in archive order (directory entries are dropped: directories follow from files).</summary>
    public IReadOnlyList<WheelMember> Files { get; }

    /// <summary>e.g. "flask-3.1.3.dist-info".</summary>
    public string DistInfoDirectory { get; }

    /// <summary>e.g. "flask-3.1.3.data": the directory whose subdirectories name install schemes.</summary>
    public string DataDirectory => DistInfoDirectory[..^DistInfoSuffix.Length] + ".data";

    public string DistInfoPath(string file) => DistInfoDirectory + "/" + file;

    public static WheelArchive Open(string wheelPath, WheelLimits limits)
    {
        var fileName = WheelFileName.Parse(wheelPath);
        FileStream stream;
        try
        {
            stream = new FileStream(wheelPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SatchelException(ExitCodes.NoInput, $"cannot read wheel {wheelPath}: {IoErrors.Describe(e)}", e);
        }

        try
        {
            var zip = OpenZip(wheelPath, stream);
            var files = Catalog(wheelPath, zip, limits);
            var distInfo = FindDistInfo(wheelPath, fileName, files);
            return new WheelArchive(wheelPath, fileName, stream, zip, files, distInfo);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public WheelMember? Find(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>Reads a small UTF-8 member (WHEEL, METADATA, RECORD, entry_points.txt) whole, within the metadata bound.</summary>
    public string ReadText(WheelMember member, WheelLimits limits)
    {
        if (member.DeclaredSize > limits.MaxMetadataBytes)
        {
            throw new InvalidWheelException(WheelPath, $"a metadata file declares {member.DeclaredSize} bytes, more than the {limits.MaxMetadataBytes} allowed", member.Path);
        }

        try
        {
            using var source = member.Entry.Open();
            using var buffer = new MemoryStream();
            var read = BoundedCopy.Copy(source, buffer, limit: member.DeclaredSize);
            if (read != member.DeclaredSize)
            {
                throw new InvalidWheelException(WheelPath, $"the member holds {(read > member.DeclaredSize ? "more" : "fewer")} bytes than the archive declares ({member.DeclaredSize})", member.Path);
            }

            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (Exception e) when (e is InvalidDataException or DecoderFallbackException)
        {
            throw new InvalidWheelException(WheelPath, $"the member cannot be read as UTF-8 text: {e.Message}", member.Path);
        }
    }

    public void Dispose()
    {
        _zip.Dispose();
        _stream.Dispose();
    }

    private static ZipArchive OpenZip(string wheelPath, FileStream stream)
    {
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true, Encoding.UTF8);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidWheelException(wheelPath, $"not a zip archive: {e.Message}");
        }
    }

    private static List<WheelMember> Catalog(string wheelPath, ZipArchive zip, WheelLimits limits)
    {
        if (zip.Entries.Count > limits.MaxMembers)
        {
            throw new InvalidWheelException(wheelPath, $"the archive has {zip.Entries.Count} members, more than the {limits.MaxMembers} allowed");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<WheelMember>(zip.Entries.Count);
        foreach (var entry in zip.Entries)
        {
            var isDirectory = entry.FullName.EndsWith('/');
            var path = isDirectory ? entry.FullName[..^1] : entry.FullName;
            CheckName(wheelPath, entry.FullName, path);
            if (!seen.Add(path))
            {
                throw new InvalidWheelException(wheelPath, "the archive holds the same name twice", entry.FullName);
            }

            var member = new WheelMember(path, entry);
            if (member.IsSymlink)
            {
                throw new InvalidWheelException(wheelPath, "the member is a symbolic link; wheels hold only regular files", entry.FullName);
            }

            if (isDirectory)
            {
                if (entry.Length != 0)
                {
                    throw new InvalidWheelException(wheelPath, "a directory entry has content", entry.FullName);
                }

                continue;
            }

            files.Add(member);
        }

        return files;
    }

    private static void CheckName(string wheelPath, string fullName, string path)
    {
        try
        {
            EntryPathRules.Check(path);
        }
        catch (FormatViolationException e)
        {
            throw new InvalidWheelException(wheelPath, $"unsafe member name: {e.Message}", fullName);
        }

        if (path.Any(char.IsControl))
        {
            throw new InvalidWheelException(wheelPath, "unsafe member name: it has a control character", fullName);
        }
    }

    private static string FindDistInfo(string wheelPath, WheelFileName fileName, List<WheelMember> files)
    {
        var candidates = files
            .Where(f => f.Path.Contains('/'))
            .Select(f => f.Path.Split('/')[0])
            .Where(top => top.EndsWith(DistInfoSuffix, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (candidates.Count != 1)
        {
            throw new InvalidWheelException(wheelPath,
                candidates.Count == 0 ? "the archive has no .dist-info directory" : $"the archive has {candidates.Count} .dist-info directories ({string.Join(", ", candidates)})");
        }

        var distInfo = candidates[0];
        if (!distInfo.EndsWith(DistInfoSuffix, StringComparison.Ordinal)
            || ProjectName.Normalize(distInfo.Split('-')[0]) != fileName.NormalizedName)
        {
            throw new InvalidWheelException(wheelPath, $"the .dist-info directory does not belong to project '{fileName.Distribution}'", distInfo);
        }

        return distInfo;
    }
}
