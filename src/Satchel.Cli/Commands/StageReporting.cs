using Satchel.Build.Progress;
using Satchel.Build.Python;

namespace Satchel.Cli.Commands;

/// <summary>How `build` and `lock` show their stages: nothing with -q, a live display on a terminal, one line per stage otherwise.</summary>
internal static class StageReporting
{
    public static T Run<T>(bool quiet, Func<IBuildProgress?, T> work) =>
        quiet ? work(null)
        : Console.IsOutputRedirected ? work(new StageLines(Console.Error))
        : StageDisplay.Show(work);
}
