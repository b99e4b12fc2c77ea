using System.Formats.Tar;
using System.IO.Compression;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;

namespace Satchel.Build.Bundling;

/// <summary>
/// Unpacks a .tar.gz of a relocatable Python (python-build-standalone's "install_only" archives)
/// with .NET's own System.Formats.Tar and GZip. The archive is untrusted: every name must be a
/// valid entry path, symlinks are created last (so nothing is ever written through one) and must
/// be relative, hard links become copies, and devices or pipes are refused.
/// </summary>
public static class PythonArchive
{
    public static bool IsArchive(string path) =>
        File.Exists(path) && (path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase));

    public static void Extract(string archive, string destination)
    {
        Directory.CreateDirectory(destination);
        var links = new List<(string Path, string Target)>();
        var hardLinks = new List<(string Path, string Target)>();
        try
        {
            using var file = File.OpenRead(archive);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
                {
                    continue;
                }

                var name = Normalize(archive, entry.Name);
                if (name.Length == 0)
                {
                    continue;
                }

                var target = Path.Combine(destination, name);
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(target);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        entry.ExtractToFile(target, overwrite: false);
                        if (!OperatingSystem.IsWindows())
                        {
                            File.SetUnixFileMode(target, (entry.Mode & UnixFileMode.UserExecute) != 0 ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100);
                        }

                        break;
                    case TarEntryType.SymbolicLink:
                        links.Add((name, entry.LinkName));
                        break;
                    case TarEntryType.HardLink:
                        hardLinks.Add((name, Normalize(archive, entry.LinkName)));
                        break;
                    default:
                        throw new SatchelException(ExitCodes.Data,
                            $"--bundle-python {archive}: '{EntryPathRules.Printable(name)}' is a {entry.EntryType} entry; a Python archive holds only files, directories and links");
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new SatchelException(ExitCodes.Data, $"--bundle-python {archive}: not a readable .tar.gz ({e.Message}); pass a python-build-standalone install_only archive or an unpacked directory");
        }

        foreach (var (path, target) in hardLinks)
        {
            var source = Path.Combine(destination, target);
            if (!File.Exists(source))
            {
                throw new SatchelException(ExitCodes.Data, $"--bundle-python {archive}: hard link '{path}' points at '{target}', which the archive does not hold before it");
            }

            File.Copy(source, Path.Combine(destination, path));
        }

        foreach (var (path, target) in links)
        {
            if (Path.IsPathRooted(target) || target.Contains('\0'))
            {
                throw new SatchelException(ExitCodes.Data, $"--bundle-python {archive}: '{path}' is a symlink to the absolute path {target}; a bundled interpreter must not depend on the build machine's files");
            }

            var link = Path.Combine(destination, path);
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.CreateSymbolicLink(link, target);
        }
    }

    /// <summary>"./python/bin/" to "python/bin"; anything that could leave the destination is refused.</summary>
    private static string Normalize(string archive, string name)
    {
        var trimmed = name.Replace('\\', '/').TrimEnd('/');
        while (trimmed.StartsWith("./", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        if (trimmed is "." or "")
        {
            return string.Empty;
        }

        try
        {
            EntryPathRules.Check(trimmed);
        }
        catch (FormatViolationException e)
        {
            throw new SatchelException(ExitCodes.Data, $"--bundle-python {archive}: refused entry '{EntryPathRules.Printable(name)}': {e.Message}");
        }

        return trimmed;
    }
}
