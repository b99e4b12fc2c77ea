using System.Security.Cryptography;

namespace Satchel.Testing;

/// <summary>A comparable description of a tree on disk: each path with its kind, exec bit, content hash or link target.</summary>
public static class TreeSnapshot
{
    public static SortedDictionary<string, string> Take(string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(root, string.Empty, result);
        return result;
    }

    private static void Walk(string root, string relative, SortedDictionary<string, string> result)
    {
        foreach (var entry in new DirectoryInfo(Path.Combine(root, relative)).EnumerateFileSystemInfos())
        {
            var path = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
            if (entry.LinkTarget is { } target)
            {
                result[path] = "link:" + target;
            }
            else if (entry is DirectoryInfo)
            {
                result[path] = "dir";
                Walk(root, path, result);
            }
            else
            {
                var exec = (entry.UnixFileMode & UnixFileMode.UserExecute) != 0 ? "x" : "-";
                result[path] = $"file:{exec}:{Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry.FullName)))}";
            }
        }
    }
}
