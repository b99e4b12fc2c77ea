namespace Satchel.Testing;

/// <summary>A fresh directory under the system temp folder, removed (best effort) on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "satchel-test")
        : this(prefix, System.IO.Path.GetTempPath())
    {
    }

    private TempDirectory(string prefix, string parent)
    {
        Path = System.IO.Path.Combine(parent, $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(Path);
    }

    /// <summary>
    /// A directory in memory (/dev/shm) where there is one, else in the temp folder: for tests
    /// that create and delete thousands of small trees, where a journaling disk triples the time.
    /// </summary>
    public static TempDirectory InMemory(string prefix) =>
        Directory.Exists("/dev/shm") ? new TempDirectory(prefix, "/dev/shm") : new TempDirectory(prefix);

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a file (creating parents) and returns its full path.</summary>
    public string Write(string relative, string content, bool executable = false)
    {
        var full = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        if (executable)
        {
            File.SetUnixFileMode(full, (UnixFileMode)0b111_101_101);
        }

        return full;
    }

    public void Dispose()
    {
        try
        {
            MakeWritable(Path);
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A test that left an immutable file or a mount behind reports that itself.
        }
    }

    private static void MakeWritable(string path)
    {
        // Windows (the tests under Wine) has no modes; a read-only attribute is the test's to clear.
        if (OperatingSystem.IsWindows() || !Directory.Exists(path))
        {
            return;
        }

        foreach (var dir in Directory.EnumerateDirectories(path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
        {
            try
            {
                File.SetUnixFileMode(dir, (UnixFileMode)0b111_000_000);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
