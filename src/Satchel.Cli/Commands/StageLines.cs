using Satchel.Build.Progress;
using Satchel.Build.Python;

namespace Satchel.Cli.Commands;

/// <summary>
/// Build progress where no one watches a terminal (a log, CI): one `satchel: STAGE: COUNTS, TIME`
/// line on stderr per stage, written when the stage ends, so each line says what the stage did
/// and how long it took.
/// </summary>
internal sealed class StageLines(TextWriter error) : IBuildProgress
{
    private readonly Lock _lock = new();
    private StageTally? _current;

    public void Stage(string name, string? counting = null, long? items = null, long? bytes = null)
    {
        lock (_lock)
        {
            End();
            _current = new StageTally(name, counting, items, bytes);
        }
    }

    public void Advance(long items, long bytes = 0) => _current?.Add(items, bytes);

    public void Finish()
    {
        lock (_lock)
        {
            End();
        }
    }

    private void End()
    {
        if (_current is { } stage)
        {
            stage.Stop();
            error.WriteLine($"satchel: {stage.Summary()}");
            _current = null;
        }
    }
}
