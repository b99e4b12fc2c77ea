using System.CommandLine;
using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Launch;
using Satchel.Runtime.Format;
using Satchel.Runtime.Tools;
using Spectre.Console;

namespace Satchel.Cli.Commands;

/// <summary>
/// `satchel cache dir|info|list|warm APP|prune --older-than AGE|purge`: see, fill and clean the cache. Prune and
/// purge skip every unit and venv a running app holds, and every build cache entry a running build holds (docs/cache-layout.md, "In use and last use").
/// </summary>
internal static class CacheCommand
{
    public static Command Create()
    {
        var command = new Command("cache", "Show or clean the cache of extracted apps (units, venvs) and of builds.\n\nExample: satchel cache prune --older-than 30d")
        {
            Leaf("dir", "Print the cache root.\n\nExample: satchel cache dir", (layout, _) =>
            {
                Console.WriteLine(layout.Root);
                return 0;
            }),
            InfoCommand(),
            ListCommand(),
            WarmCommand(),
            PruneCommand(),
            Leaf("purge", "Remove every unit, venv and build cache entry not in use by a running app or build, and the interpreter records.\n\nExample: satchel cache purge", (layout, log) =>
                Report(CachePruner.Run(layout, null, log))),
        };
        return command;
    }

    private static Command Leaf(string name, string description, Func<CacheLayout, Log, int> body)
    {
        var command = new Command(name, description);
        command.SetAction(parse => ErrorBoundary.Run(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose)), () =>
            body(new CacheLayout(CacheRoot.Resolve()), new Log(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose))))));
        return command;
    }

    private static Command InfoCommand()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON (docs/tools.md) instead of text." };
        var command = new Command("info", "Print the cache root, how many units, venvs and build cache entries it holds and their size.\n\nExample: satchel cache info --json") { json };
        command.SetAction(parse => ErrorBoundary.Run(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose)), () =>
        {
            var layout = new CacheLayout(CacheRoot.Resolve());
            var entries = CacheInventory.List(layout);
            var units = entries.Where(e => e.Kind == CacheEntryKind.Unit).ToList();
            var venvs = entries.Where(e => e.Kind == CacheEntryKind.Venv).ToList();
            var builds = entries.Where(e => e.Kind == CacheEntryKind.Build).ToList();
            var apps = AppUseRecord.ReadAll(layout).Count;
            if (parse.GetValue(json))
            {
                Console.Write(new JsonText().StartObject().Number("schema", 1).Text("root", layout.Root)
                    .StartObject("units").Number("count", units.Count).Number("bytes", units.Sum(e => e.Bytes)).EndObject()
                    .StartObject("venvs").Number("count", venvs.Count).Number("bytes", venvs.Sum(e => e.Bytes)).EndObject()
                    .StartObject("build").Number("count", builds.Count).Number("bytes", builds.Sum(e => e.Bytes)).EndObject()
                    .Number("apps", apps).Number("bytes", entries.Sum(e => e.Bytes)).EndObject() + "\n");
                return 0;
            }

            Console.WriteLine($"root: {layout.Root}");
            Console.WriteLine($"units: {units.Count} ({ByteCount.Human(units.Sum(e => e.Bytes))})");
            Console.WriteLine($"venvs: {venvs.Count} ({ByteCount.Human(venvs.Sum(e => e.Bytes))})");
            Console.WriteLine($"build cache: {builds.Count} entries ({ByteCount.Human(builds.Sum(e => e.Bytes))}; installed wheels, compressed units, bytecode, resolutions)");
            Console.WriteLine($"apps: {apps}");
            Console.WriteLine($"total: {ByteCount.Human(entries.Sum(e => e.Bytes))}");
            return 0;
        }));
        return command;
    }

    /// <summary>What `SATCHEL_TOOLS=1 APP warm` does, for an app given by path (docs/containers.md).</summary>
    private static Command WarmCommand()
    {
        var app = new Argument<string>("APP") { Description = "An app built by satchel." };
        var command = new Command("warm", "Do everything the app's first start does (extract, venv, interpreter choice, bytecode) without running it.\n\nExample: satchel cache warm ./myapp") { app };
        command.SetAction(parse => ErrorBoundary.Run(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose)), () =>
        {
            using var file = AppFile.Open(parse.GetValue(app)!);
            AppLauncher.Warm(file, new Log(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose))));
            return 0;
        }));
        return command;
    }

    private static Command ListCommand()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON (docs/tools.md) instead of a table." };
        var command = new Command("list", "List units, venvs and build cache entries with size, last use and the apps that use them, most recently used first.\n\nExample: satchel cache list --json") { json };
        command.SetAction(parse => ErrorBoundary.Run(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose)), () =>
        {
            var layout = new CacheLayout(CacheRoot.Resolve());
            var entries = CacheInventory.List(layout).OrderByDescending(e => e.LastUseUtc).ToList();
            var now = DateTime.UtcNow;
            if (parse.GetValue(json))
            {
                Console.Write(Json(entries));
                return 0;
            }

            if (Console.IsOutputRedirected)
            {
                // One header line, then tab-separated rows, most recently used first.
                Console.WriteLine("kind\tname\tsize\tlast use\tcontent\tused by");
                foreach (var entry in entries)
                {
                    Console.WriteLine($"{Kind(entry)}\t{entry.Name}\t{ByteCount.Human(entry.Bytes)}\t{AgeText.Format(now - entry.LastUseUtc)}\t{entry.Label}\t{string.Join(",", entry.Apps)}");
                }

                return 0;
            }

            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("kind").AddColumn("name").AddColumn("content")
                .AddColumn(new TableColumn("size").RightAligned()).AddColumn(new TableColumn("last use").RightAligned()).AddColumn("used by");
            foreach (var entry in entries)
            {
                table.AddRow(Kind(entry), entry.Name[..Math.Min(entry.Name.Length, 16)], Markup.Escape(entry.Label), ByteCount.Human(entry.Bytes),
                    AgeText.Format(now - entry.LastUseUtc) + " ago", Markup.Escape(string.Join(", ", entry.Apps)));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"{entries.Count} entries, {ByteCount.Human(entries.Sum(e => e.Bytes))} in {Markup.Escape(layout.Root)}");
            return 0;
        }));
        return command;
    }

    private static Command PruneCommand()
    {
        var olderThan = new Option<string>("--older-than")
        {
            Description = "Remove what no app has used for this long: 30d, 12h, 1d12h, 90m, 2w (default 30d).",
            DefaultValueFactory = _ => "30d",
        };
        var command = new Command("prune", "Remove units, venvs and build cache entries unused for a while; what a running app or build uses is kept.\n\nExample: satchel cache prune --older-than 14d") { olderThan };
        command.SetAction(parse => ErrorBoundary.Run(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose)), () =>
        {
            var text = parse.GetValue(olderThan)!;
            var age = AgeText.Parse(text)
                ?? throw new SatchelException(ExitCodes.Usage, $"--older-than '{text}' is not an age; write e.g. 30d, 12h, 1d12h, 90m or 2w");
            var log = new Log(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose)));
            return Report(CachePruner.Run(new CacheLayout(CacheRoot.Resolve()), DateTime.UtcNow - age, log));
        }));
        return command;
    }

    private static int Report(PruneResult result)
    {
        foreach (var entry in result.InUse)
        {
            Console.WriteLine($"kept {Kind(entry)} {entry.Name} ({entry.Label}): in use");
        }

        Console.WriteLine($"removed {result.Removed.Count} entr{(result.Removed.Count == 1 ? "y" : "ies")} ({ByteCount.Human(result.FreedBytes)}), kept {result.InUse.Count} in use");
        if (result.Failures.Count > 0)
        {
            throw new SatchelException(ExitCodes.IoError, $"could not remove {result.Failures.Count} entr{(result.Failures.Count == 1 ? "y" : "ies")}: {string.Join("; ", result.Failures)}");
        }

        return 0;
    }

    private static string Kind(CacheEntry entry) => entry.Kind switch
    {
        CacheEntryKind.Unit => "unit",
        CacheEntryKind.Venv => "venv",
        _ => "build",
    };

    private static string Json(List<CacheEntry> entries)
    {
        var json = new JsonText().StartObject().Number("schema", 1).StartArray("entries");
        foreach (var entry in entries)
        {
            json.StartObject()
                .Text("kind", Kind(entry))
                .Text("name", entry.Name)
                .Text("path", entry.Path)
                .Text("content", entry.Label)
                .Bool("complete", entry.Complete)
                .Number("bytes", entry.Bytes)
                .Text("last_use", entry.LastUseUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture))
                .StartArray("apps");
            foreach (var app in entry.Apps)
            {
                json.Text(app);
            }

            json.EndArray().EndObject();
        }

        return json.EndArray().EndObject() + "\n";
    }
}
