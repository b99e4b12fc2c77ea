using Satchel.Build.Progress;
using Satchel.Build.Python;
using Spectre.Console;

namespace Satchel.Cli.Commands;

/// <summary>
/// Build progress on a terminal: one Spectre progress row per stage — a bar where the total is
/// known (bytes, else items), the counts so far ("3/12 wheels, 10.2/42.3 MiB", or "17
/// distributions found" for pip, which gives no total) and the stage's elapsed time. Finished
/// stages stay on screen with what they did.
/// </summary>
internal sealed class StageDisplay(ProgressContext context) : IBuildProgress
{
    /// <summary>Bars are drawn in thousandths: the tally holds the real counts.</summary>
    private const double Scale = 1000;

    private readonly Lock _lock = new();
    private StageTally? _tally;
    private ProgressTask? _task;

    /// <summary>Runs <paramref name="work"/> under a live progress display on stdout.</summary>
    public static T Show<T>(Func<IBuildProgress, T> work)
    {
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context => result = work(new StageDisplay(context)));
        return result;
    }

    public void Stage(string name, string? counting = null, long? items = null, long? bytes = null)
    {
        lock (_lock)
        {
            End();
            _tally = new StageTally(name, counting, items, bytes);
            _task = context.AddTask(Describe(_tally), maxValue: Scale);
            _task.IsIndeterminate = _tally.Fraction is null;
        }
    }

    public void Advance(long items, long bytes = 0)
    {
        lock (_lock)
        {
            if (_tally is null || _task is null)
            {
                return;
            }

            _tally.Add(items, bytes);
            _task.Description = Describe(_tally);
            if (_tally.Fraction is { } fraction)
            {
                _task.Value = fraction * Scale;
            }
        }
    }

    public void Finish()
    {
        lock (_lock)
        {
            End();
        }
    }

    private void End()
    {
        if (_tally is null || _task is null)
        {
            return;
        }

        _tally.Stop();
        _task.IsIndeterminate = false;
        _task.Description = Describe(_tally); // the elapsed-time column already shows its time
        _task.Value = Scale;
        _task.StopTask();
        _tally = null;
        _task = null;
    }

    private static string Describe(StageTally tally)
    {
        var counts = tally.Counts();
        return Markup.Escape(counts.Length == 0 ? tally.Name : $"{tally.Name}: {counts}");
    }
}
