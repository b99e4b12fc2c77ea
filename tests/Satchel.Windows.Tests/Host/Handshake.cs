namespace Satchel.Windows.Tests.Host;

/// <summary>
/// Files through which a case and its helper agree on when things happen: the helper writes
/// `ready` (with a line of its own, such as its pid) once it holds what it should, and lets go
/// when the case writes `release`. Waits are on these conditions, with generous deadlines, never
/// on the clock alone, so a loaded machine makes a case slower, not flaky.
/// </summary>
internal sealed class Handshake(string directory)
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public string Directory { get; } = directory;

    public string ReadyFile => Path.Combine(Directory, "ready");

    public string ReleaseFile => Path.Combine(Directory, "release");

    /// <summary>Waits until the helper said it is ready; returns what it wrote.</summary>
    public string WaitUntilReady(HelperProcess helper)
    {
        Conditions.WaitUntil(() => File.Exists(ReadyFile) || helper.HasExited, Deadline, "the helper to be ready");
        if (!File.Exists(ReadyFile))
        {
            throw new InvalidOperationException($"the helper ended (exit {helper.WaitForExit(TimeSpan.FromSeconds(5))}) before it was ready");
        }

        return File.ReadAllText(ReadyFile).Trim();
    }

    public void Release() => File.WriteAllText(ReleaseFile, "release");

    /// <summary>Helper side: written last, through a rename, so the case never reads half of it.</summary>
    public void SayReady(string text = "")
    {
        File.WriteAllText(ReadyFile + ".tmp", text);
        File.Move(ReadyFile + ".tmp", ReadyFile);
    }

    /// <summary>Helper side: waits for the case's release, or gives up after the deadline so no helper outlives a broken case for long.</summary>
    public void WaitForRelease() =>
        Conditions.WaitUntil(() => File.Exists(ReleaseFile), Deadline * 2, "release", throwOnTimeout: false);
}
