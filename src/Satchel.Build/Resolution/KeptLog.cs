using Satchel.Runtime.Diagnostics;

namespace Satchel.Build.Resolution;

/// <summary>
/// Where a failed pip run's full log is kept (OUT.pip.log beside the output; the work directory
/// goes with the staging directory). One per build, shared by every pip run of it: when several
/// interpreters resolve at once, the first failure's log is kept and stays, and a run that
/// succeeds meanwhile does not remove it as stale; the failures after it (usually pip killed
/// because of the first) name their own log.
/// </summary>
public sealed class KeptLog(string path)
{
    private readonly Lock _lock = new();
    private bool _kept;

    public string Path => path;

    /// <summary>Copies <paramref name="logPath"/> to <see cref="Path"/>; the path to name in a message (the original if it cannot be kept, or another failure's already is).</summary>
    public string Keep(string logPath, Log log)
    {
        lock (_lock)
        {
            if (_kept)
            {
                return logPath;
            }

            try
            {
                File.Copy(logPath, path, overwrite: true);
                _kept = true;
                return path;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.Line($"cannot keep pip's log as {path}: {e.Message}");
                return logPath;
            }
        }
    }

    /// <summary>After a successful run: a log kept by an earlier build is stale; one kept by this build is not.</summary>
    public void RemoveStale()
    {
        lock (_lock)
        {
            if (!_kept)
            {
                File.Delete(path);
            }
        }
    }
}
