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
        Walk(Path.GetFullPath(root), string.Empty, entries, exclusions);
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return entries;
    }

    private static void Walk(string root, string relative, List<SourceEntry> entries, PackExclusions? exclusions)
    {
        var directory = relative.Length == 0 ? root : Path.Combine(root, relative);
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
            throw new SatchelException(ExitCodes.NoInput, $"cannot read directory {directory}: {e.Message}");
        }

        foreach (var child in children)
        {
            var path = relative.Length == 0 ? child.Name : relative + "/" + child.Name;
            if (exclusions is not null && exclusions.Excludes(root, path, child))
            {
                continue;
            }

            CheckName(root, path);
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
                entries.Add(SourceEntry.File(path, file.FullName, executable));
            }
            else
            {
                throw new SatchelException(ExitCodes.Data,
                    $"{Path.Combine(root, path)} is a device, socket or pipe; only regular files, directories and symlinks can be packed: move it out of the directory");
            }
        }
    }

    private static bool IsRegular(FileInfo file) =>
        OperatingSystem.IsWindows() || UnixFileStatus.IsRegularFile(file.FullName);

    private static void CheckName(string root, string path)
    {
        try
        {
            EntryPathRules.Check(path);
        }
        catch (FormatViolationException e)
        {
            throw new SatchelException(ExitCodes.Data, $"{Path.Combine(root, path)}: cannot be packed: {e.Message}");
        }
    }

    private static string CheckLink(string root, string path, string target)
    {
        if (Path.IsPathRooted(target))
        {
            throw new SatchelException(ExitCodes.Data,
                $"{Path.Combine(root, path)} is an absolute symlink (to {target}); a packed app cannot depend on the build machine's files: make it relative and inside the directory, or replace it with a copy");
        }

        return target.Replace('\\', '/');
    }
}
