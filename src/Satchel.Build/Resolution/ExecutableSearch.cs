namespace Satchel.Build.Resolution;

/// <summary>Finds a program on PATH the way a shell does: the first directory holding an executable file of that name.</summary>
internal static class ExecutableSearch
{
    public static string? Find(string name, HostEnvironment host, Func<string, bool>? skipDirectory = null)
    {
        foreach (var directory in host.SearchPath())
        {
            var full = Path.GetFullPath(directory, host.CurrentDirectory);
            if (skipDirectory?.Invoke(full) == true)
            {
                continue;
            }

            foreach (var candidate in Candidates(Path.Combine(full, name)))
            {
                if (IsExecutableFile(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    public static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    private static IEnumerable<string> Candidates(string path)
    {
        yield return path;
        if (OperatingSystem.IsWindows() && !Path.HasExtension(path))
        {
            yield return path + ".exe";
        }
    }
}
