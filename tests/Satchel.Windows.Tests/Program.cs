using Satchel.Windows.Tests.Helpers;
using Satchel.Windows.Tests.Host;

namespace Satchel.Windows.Tests;

/// <summary>
/// `Satchel.Windows.Tests.exe [--results FILE] [FILTER]` runs every case whose name contains
/// FILTER and prints `N passed, N failed, N skipped` last (also into FILE, free of the console's
/// rendering); `Satchel.Windows.Tests.exe helper MODE ...` is one of
/// the second processes the cases start (a scanner holding files, an extractor, a child).
/// </summary>
internal static class Program
{
    private static int Main(string[] args) => args switch
    {
        ["helper", var mode, .. var rest] => HelperModes.Run(mode, rest),
        ["--case", var name, var outcome] => CaseRunner.RunOne(name, outcome),
        ["--results", var results, .. var rest] => CaseRunner.Run(rest is [var filter, ..] ? filter : null, results),
        _ => CaseRunner.Run(args is [var filter, ..] ? filter : null, results: null),
    };
}
