using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Posix;

namespace Satchel.Build.Packing;

/// <summary>
/// Turns a directory on disk into a unit's entries: every regular file, directory and symlink,
/// without following links, in strict path order. Absolute symlinks and links leading outside
/// the directory are refused (a packed app must not depend on the build machine's files), and so
/// are devices, sockets and pipes. <see cref="PackExclusions"/>, when given, leave entries out
/// before any of those checks (an excluded directory is not entered).
/// </summary>
public static class SourceTreeScanner
{
    public static List<SourceEntry> Scan(string root, PackExclusions? exclusions = null)
    {
        if (!Directory.Exists(root))
        {
            throw new SatchelException(ExitCodes.NoInput, $"{root}: no such directory");
        }

        var entries = new List<SourceEntry>();
        var scanRoot = new ScanRoot(Path.GetFullPath(root), root);
        Walk(scanRoot, string.Empty, entries, exclusions);
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        CheckShape(scanRoot, entries);
        return entries;
    }

    /// <summary>
    /// The tree's shape checked as the unit's index will be (links that loop or lead outside,
    /// names equal under case folding) before anything is compressed, and reported as the file
    /// the user has, not as its place inside the unit. File data is not read here: the sizes and
    /// hashes the validator sees are placeholders.
    /// </summary>
    private static void CheckShape(ScanRoot root, List<SourceEntry> entries)
    {
        var placeholder = new byte[32];
        var shape = entries.Select(e => e.Kind switch
        {
            EntryKind.File => IndexEntry.File(e.Path, 0, placeholder, e.Executable),
            EntryKind.Directory => IndexEntry.Directory(e.Path),
            _ => IndexEntry.Symlink(e.Path, e.LinkTarget!),
        }).ToList();
        try
        {
            UnitIndexValidator.Validate(new UnitIndex([], shape));
        }
        catch (FormatViolationException e)
        {
            throw new SatchelException(ExitCodes.Data,
                $"{(e.EntryPath is { } path ? root.Show(path) : root.Given)}: cannot be packed: {e.Message}; fix it, or leave it out with --exclude");
        }
    }

    /// <summary>The directory being scanned: its full path for the file system, and as the user gave it for messages.</summary>
    private sealed record ScanRoot(string Full, string Given)
    {
        public string Show(string relative) => relative.Length == 0 ? Given : Path.Combine(Given, relative);
    }

    private static void Walk(ScanRoot root, string relative, List<SourceEntry> entries, PackExclusions? exclusions)
    {
        var directory = relative.Length == 0 ? root.Full : Path.Combine(root.Full, relative);
        IEnumerable<FileSystemInfo> children;
        try
        {
            children = new DirectoryInfo(directory).EnumerateFileSystemInfos("*", new EnumerationOptions
            {
                RecurseSubdirectories = false,
                AttributesToSkip = 0,
                IgnoreInaccessible = false,
                ReturnSpecialDirectories = false,
            }).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SatchelException(ExitCodes.NoInput, $"cannot read directory {root.Show(relative)}: {IoErrors.Describe(e)}");
        }

        foreach (var child in children)
        {
            var path = relative.Length == 0 ? child.Name : relative + "/" + child.Name;
            if (exclusions is not null && exclusions.Excludes(root.Full, path, child))
            {
                continue;
            }

            CheckName(root, path);
            CheckDecodable(root, path, child);
            if (child.LinkTarget is { } target)
            {
                entries.Add(SourceEntry.Symlink(path, CheckLink(root, path, target)));
            }
            else if (child is DirectoryInfo)
            {
                entries.Add(SourceEntry.Directory(path));
                Walk(root, path, entries, exclusions);
            }
            else if (child is FileInfo file && IsRegular(file))
            {
                var executable = !OperatingSystem.IsWindows() && (file.UnixFileMode & UnixFileMode.UserExecute) != 0;
                entries.Add(SourceEntry.File(path, file.FullName, executable) with { Size = file.Length });
            }
            else
            {
                throw new SatchelException(ExitCodes.Data,
                    $"{root.Show(path)} is a device, socket or pipe; only regular files, directories and symlinks can be packed: move it out of the directory");
            }
        }
    }

    private static bool IsRegular(FileInfo file) =>
        OperatingSystem.IsWindows() || UnixFileStatus.IsRegularFile(file.FullName);

    private static void CheckName(ScanRoot root, string path)
    {
        try
        {
            EntryPathRules.Check(path);
        }
        catch (FormatViolationException e)
        {
            throw new SatchelException(ExitCodes.Data, $"{root.Show(path)}: cannot be packed: {e.Message}");
        }
    }

    /// <summary>
    /// .NET decodes a file name that is not valid UTF-8 with U+FFFD in place of the bad bytes, and
    /// the decoded name then names no file: refuse it here with what to do, instead of a "no such
    /// file" about a path the user never wrote. (A name that really holds U+FFFD still exists.)
    /// </summary>
    private static void CheckDecodable(ScanRoot root, string path, FileSystemInfo child)
    {
        if (child.Name.Contains('\uFFFD', StringComparison.Ordinal) && UnixFileStatus.TypeOf(child.FullName) == 0)
        {
            throw new SatchelException(ExitCodes.Data,
                $"{root.Show(path)}: the file name is not valid UTF-8 (the bad bytes are shown as \uFFFD), and an app's paths are UTF-8: rename it, or leave it out with --exclude");
        }
    }

    private static string CheckLink(ScanRoot root, string path, string target)
    {
        if (Path.IsPathRooted(target))
        {
            throw new SatchelException(ExitCodes.Data,
                $"{root.Show(path)} is an absolute symlink (to {target}); a packed app cannot depend on the build machine's files: make it relative and inside the directory, or replace it with a copy");
        }

        return target.Replace('\\', '/');
    }
}
