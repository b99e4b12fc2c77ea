namespace Satchel.Build.Progress;

/// <summary>
/// What a build or a lock reports as it goes: each stage as it starts, with the totals known
/// beforehand, and the work done in it. The CLI draws it (a live display on a terminal, one line
/// per finished stage with its time otherwise). Reports can arrive on several threads at once
/// (pip's stdout and stderr are read on two), so an implementation takes them from any thread.
/// </summary>
public interface IBuildProgress
{
    /// <summary>
    /// A stage starts and the one before it ends. <paramref name="counting"/> names what
    /// <see cref="Advance"/> counts ("wheels", "files"); <paramref name="items"/> and
    /// <paramref name="bytes"/> are the stage's totals, null where they are not known beforehand
    /// (pip gives no total: resolution counts the distributions found so far).
    /// </summary>
    void Stage(string name, string? counting = null, long? items = null, long? bytes = null);

    /// <summary>Work done in the current stage since the last report.</summary>
    void Advance(long items, long bytes = 0);

    /// <summary>The last stage ends: the work is done and the result follows. Not called after a failure (the error says what happened).</summary>
    void Finish();
}
