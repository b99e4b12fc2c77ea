using System.Text;
using Satchel.Runtime.Cache;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// Replaces a small file so that readers see either the old content or the new, never a part:
/// write a uniquely named sibling, then rename(2) it over the target. Several processes may do
/// this at once; the last rename wins and every one of them leaves a whole file. No fsync: after
/// a power cut a reader may find the file empty or missing, which the readers here treat as a miss.
/// </summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, CacheModes.DirectoryMode);
            }
        }

        var temp = $"{path}.tmp-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // Like everything in the cache: readable by its owner only.
                options.UnixCreateMode = CacheModes.FileMode;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(Encoding.UTF8.GetBytes(text));
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The original failure is the one worth reporting.
            }

            throw;
        }
    }
}
