namespace Satchel.Build.Progress;

/// <summary>The packer's per-file byte counts (one report per file written) as work done in the current stage.</summary>
internal sealed class FileProgress(IBuildProgress progress) : IProgress<long>
{
    public void Report(long value) => progress.Advance(1, value);
}
