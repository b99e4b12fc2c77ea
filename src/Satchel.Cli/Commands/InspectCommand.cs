using System.CommandLine;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Format;
using Satchel.Runtime.Tools;
using Spectre.Console;

namespace Satchel.Cli.Commands;

/// <summary>
/// `satchel inspect APP [--json]`: what an app file holds. On a terminal, a summary table and a
/// bar chart of where the bytes go; otherwise (or with --json) the report of docs/tools.md.
/// </summary>
internal static class InspectCommand
{
    /// <summary>A word as a shell would need it: quoted when it holds anything but plain characters.</summary>
    private static string ShellWord(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The top-level names of a Python app's own unit besides its sources and script: what --include put there.</summary>
    private static List<string> Includes(AppReport report, PayloadIndex index)
    {
        if (report.Header.Launch.Python is null || index.Units.Count == 0)
        {
            return [];
        }

        return [.. index.Units[0].Entries.Select(e => e.Path.Split('/')[0]).Distinct(StringComparer.Ordinal)
            .Where(name => name is not "site" and not "script").Order(StringComparer.Ordinal)];
    }

    public static Command Create()
    {
        var app = new Argument<string>("APP") { Description = "An executable built by satchel." };
        var json = new Option<bool>("--json") { Description = "Print the JSON report (docs/tools.md) instead of text." };
        var command = new Command("inspect", "Show an app's format version, id, entry, interpreter, distributions and sizes.\n\nExample: satchel inspect ./myapp --json") { app, json };
        command.SetAction(parse => ErrorBoundary.Run(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose)), () =>
        {
            using var file = AppFile.Open(parse.GetValue(app)!);
            var report = AppReport.Read(file);
            if (parse.GetValue(json))
            {
                Console.Write(AppReportJson.Render(report));
            }
            else if (Console.IsOutputRedirected)
            {
                Console.Write(AppReportText.Render(report));
            }
            else
            {
                Render(report, file.ReadIndex());
            }

            return 0;
        }));
        return command;
    }

    private static void Render(AppReport report, PayloadIndex index)
    {
        var header = report.Header;
        var summary = new Grid().AddColumn().AddColumn();
        summary.AddRow("[bold]app[/]", Markup.Escape($"{header.Name}  ({report.Path})"));
        summary.AddRow("[bold]app id[/]", report.AppId);
        summary.AddRow("[bold]platform[/]", Markup.Escape(report.Platform));
        summary.AddRow("[bold]format[/]", $"version {report.FormatVersion}, {(header.ExtractMode == Runtime.Format.ExtractMode.Temp ? "temp" : "cache")} extraction");
        summary.AddRow("[bold]entry[/]", Markup.Escape(report.EntryText));
        var launch = header.Launch;
        if (launch.InjectArgs.Count > 0)
        {
            summary.AddRow("[bold]injected args[/]", Markup.Escape(string.Join(' ', launch.InjectArgs.Select(ShellWord))));
        }

        if (launch.InjectEnv.Count > 0)
        {
            summary.AddRow("[bold]injected env[/]", Markup.Escape(string.Join(' ', launch.InjectEnv.Select(v => $"{v.Key}={ShellWord(v.Value)}"))));
        }
        if (report.InterpreterText is { } interpreter)
        {
            summary.AddRow("[bold]interpreter[/]", Markup.Escape(interpreter));
        }

        if (report.PythonSets is { Count: > 1 } sets)
        {
            foreach (var set in sets)
            {
                summary.AddRow("[bold]  python[/]", Markup.Escape(set.Text));
            }
        }

        if (report.Provenance is { } provenance)
        {
            summary.AddRow("[bold]build[/]", Markup.Escape(AppReportText.BuildText(provenance)));
        }

        if (report.LauncherSha256Hex is { } launcher)
        {
            summary.AddRow("[bold]launcher[/]", "sha256 " + launcher);
        }

        summary.AddRow("[bold]size[/]", $"{ByteCount.Human(report.FileBytes)}: launcher {ByteCount.Human(report.LauncherBytes)}, data {ByteCount.Human(report.CompressedBytes)} compressed → {ByteCount.Human(report.InstalledBytes)} installed");
        AnsiConsole.Write(summary);
        AnsiConsole.WriteLine();

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("unit").AddColumn("kind").AddColumn("name")
            .AddColumn(new TableColumn("files").RightAligned())
            .AddColumn(new TableColumn("compressed").RightAligned())
            .AddColumn(new TableColumn("installed").RightAligned());
        foreach (var unit in report.Units)
        {
            table.AddRow(unit.Unit.KeyHex[..12], unit.KindName, Markup.Escape(unit.Unit.Name),
                unit.Files.ToString(System.Globalization.CultureInfo.InvariantCulture), ByteCount.Human(unit.CompressedBytes), ByteCount.Human(unit.Unit.InstalledSize));
        }

        AnsiConsole.Write(table);

        // Scaled to the payload alone: the ~2 MB launcher would dwarf a small app's units into empty bars (it is in the size line above).
        var chart = new BarChart().Label("[bold]compressed bytes per unit (KiB), launcher not shown[/]").Width(Math.Min(100, Math.Max(40, AnsiConsole.Profile.Width)));
        var colors = new[] { Color.Green, Color.Blue, Color.Yellow, Color.Aqua, Color.Fuchsia, Color.Orange1, Color.Teal };
        var bars = report.Units.OrderByDescending(u => u.CompressedBytes).ToList();
        const int MaxBars = 15;
        for (var i = 0; i < Math.Min(bars.Count, MaxBars); i++)
        {
            chart.AddItem(Markup.Escape(bars[i].Unit.Name), Math.Round(bars[i].CompressedBytes / 1024.0, 1), colors[i % colors.Length]);
        }

        if (bars.Count > MaxBars)
        {
            chart.AddItem($"{bars.Count - MaxBars} more", Math.Round(bars.Skip(MaxBars).Sum(u => u.CompressedBytes) / 1024.0, 1), Color.Grey);
        }

        AnsiConsole.WriteLine();
        AnsiConsole.Write(chart);

        if (Includes(report, index) is { Count: > 0 } includes)
        {
            AnsiConsole.MarkupLine("[bold]app files:[/] " + Markup.Escape(string.Join(", ", includes)));
        }

        if (report.Units.Any(u => u.Distribution is not null))
        {
            AnsiConsole.MarkupLine("[bold]distributions:[/] " + Markup.Escape(string.Join(", ", report.Units
                .Where(u => u.Distribution is not null).Select(u => $"{u.Distribution!.Value.Name} {u.Distribution!.Value.Version}"))));
        }
    }
}
