using Satchel.Runtime.Removal;
using Xunit;
using Satchel.Runtime.Diagnostics;

namespace Satchel.Windows.Tests.Host;

/// <summary>
/// The real tree remover on the real Windows file system, run on a thread of its own so a case
/// can watch it meet a holder (a retry logged) and then release that holder.
/// </summary>
internal sealed class RemovalRun
{
    private readonly Task<RemovalFailedException?> _task;

    private RemovalRun(string tree, TimeSpan budget)
    {
        Tree = tree;
        var options = new RemovalOptions(RealFileSystem.Instance, SystemClock.Instance, budget);
        _task = Task.Run(() => TreeRemover.TryRemove(tree, options, out var failure, Log.Log) ? null : failure);
    }

    public string Tree { get; }

    public CapturedLog Log { get; } = new();

    public static RemovalRun Start(string tree, TimeSpan budget) => new(tree, budget);

    /// <summary>Waits for the remover's first retry: it has met the holder and is waiting for it.</summary>
    public void WaitForFirstRetry()
    {
        Conditions.WaitUntil(() => Log.Text.Contains("; retry ", StringComparison.Ordinal) || _task.IsCompleted, Handshake.Deadline,
            "the removal to retry");
        if (_task.IsCompleted)
        {
            Assert.Fail($"the removal ended without retrying while the files were held: {_task.Result?.Message ?? "removed"}\n{Log.LastLines()}");
        }
    }

    /// <summary>Waits for the end; what is left, or null if the tree is gone.</summary>
    public RemovalFailedException? Finish()
    {
        Assert.True(_task.Wait(Handshake.Deadline), $"the removal did not end\n{Log.LastLines()}");
        return _task.Result;
    }

    /// <summary>Asserts the tree and every tombstone of it are gone.</summary>
    public void AssertRemoved()
    {
        var failure = Finish();
        Assert.True(failure is null, $"{failure?.Message}\n{Log.LastLines()}");
        Assert.False(Path.Exists(Tree), $"{Tree} still exists");
        Assert.Empty(Tombstone.LeftBeside(Tree));
    }
}
