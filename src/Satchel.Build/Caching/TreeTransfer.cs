namespace Satchel.Build.Caching;

/// <summary>
/// Moves a finished tree from the staging directory into a build cache work directory: a rename
/// when both are on one file system, else a copy (the staging directory sits beside the output,
/// the cache under SATCHEL_ROOT, often another disk). Regular files and directories only: what
/// the build makes there (bytecode) has nothing else.
/// </summary>
public static class TreeTransfer
{
    public static void Move(string source, string destination)
    {
        try
        {
            Directory.Move(source, destination);
        }
        catch (IOException) when (!Directory.Exists(destination))
        {
            Copy(source, destination);
        }
    }

    private static void Copy(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            // File.Copy keeps the permission bits, which become the entries' modes.
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            Copy(directory, Path.Combine(destination, Path.GetFileName(directory)));
        }
    }
}
