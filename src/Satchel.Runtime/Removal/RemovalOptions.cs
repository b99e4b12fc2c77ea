using Satchel.Runtime.Configuration;
using Satchel.Runtime.Diagnostics;

namespace Satchel.Runtime.Removal;

/// <summary>What a removal (or a retried rename) runs on and how long it may wait for transient errors to clear.</summary>
public sealed record RemovalOptions(IFileSystem FileSystem, IClock Clock, TimeSpan Budget)
{
    /// <summary>SATCHEL_DELETE_TIMEOUT seconds, else 10 s: longer than a scanner's usual hold, short enough not to hang a build.</summary>
    public static TimeSpan DefaultBudget => Settings.Seconds(SatchelVariables.DeleteTimeout, TimeSpan.FromSeconds(10));

    /// <summary>The real file system and clock with the default budget (read from the environment on each call).</summary>
    public static RemovalOptions Default => new(RealFileSystem.Instance, SystemClock.Instance, DefaultBudget);
}
