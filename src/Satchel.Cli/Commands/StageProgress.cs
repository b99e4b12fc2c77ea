namespace Satchel.Cli.Commands;

/// <summary>Stage reports handled as they happen (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
internal sealed class StageProgress(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}
