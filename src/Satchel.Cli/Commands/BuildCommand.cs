using Satchel.Build.Output;
using System.CommandLine;
using Satchel.Build.Packing;
using Satchel.Build.Python;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Spectre.Console;

namespace Satchel.Cli.Commands;

/// <summary>`satchel build`: a Python application and its dependencies into one executable.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var resolution = new ResolutionOptions();
        var sources = new Option<string[]>("--sources") { Description = "A directory of plain Python sources put first on sys.path (repeatable)." };
        var exclude = new Option<string[]>("--exclude") { Description = "Leave out of --sources what matches this gitignore-style PATTERN ('*', '?', '**', leading '/' anchors, trailing '/' for directories) (repeatable); .git, .hg, .svn, __pycache__, *.pyc, virtual environments and Satchel's outputs are always left out." };
        var include = new Option<string[]>("--include") { Description = "SRC[=DEST]: a file or directory put into the app (SATCHEL_APP_DIR/DEST) (repeatable)." };
        var lockFile = new Option<string?>("--lock") { Description = "Build exactly the wheels of this pylock.toml (PEP 751), checked against its hashes, without resolving." };
        var bundlePython = new Option<string?>("--bundle-python") { Description = "Ship this relocatable CPython in the app (a python-build-standalone install_only directory or .tar.gz); the app runs it unless SATCHEL_PYTHON is set." };
        var module = new Option<string?>("--module", "-m") { Description = "Entry: run MODULE as __main__, or call MODULE:FUNC." };
        var console = new Option<string?>("--console-script", "-c") { Description = "Entry: a console script of the resolved distributions." };
        var script = new Option<string?>("--script") { Description = "Entry: a Python file put into the app and run as __main__." };
        var constraintSpec = new Option<string?>("--interpreter-constraint") { Description = "PEP 440 versions of Python the app may run with (default: the build interpreter's major.minor)." };
        var injectArgs = new Option<string[]>("--inject-args") { Description = "Arguments put before the user's (repeatable; each value is one argument)." };
        var injectEnv = new Option<string[]>("--inject-env") { Description = "K=V added to the app's environment (repeatable)." };
        var output = new Option<string>("--output", "-o") { Description = "The executable to write.", Required = true };
        var name = new Option<string?>("--name") { Description = "The app's name (default: the output file's name)." };
        var launcher = new Option<string?>("--launcher") { Description = "Use this launcher binary instead of the one shipped with satchel." };
        var level = CompressionLevelOption.Create();
        var platform = PlatformOption.Create();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing on success." };
        var noBuildCache = new Option<bool>("--no-build-cache") { Description = "Take nothing from the build cache and store nothing there: a cold build (the output is the same bytes)." };
        var extraction = new ExtractionOptions();

        var command = new Command("build", "Build a Python application and its dependencies into one executable.\n\nExample: satchel build flask -r requirements.txt --sources src -m myapp -o myapp")
        {
            sources, exclude, include, lockFile, bundlePython,
            module, console, script, constraintSpec, injectArgs, injectEnv, output, name, launcher, platform, level, quiet, noBuildCache,
        };
        resolution.AddTo(command);
        foreach (var option in extraction.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var verbose = ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose));
            return ErrorBoundary.Run(verbose, () =>
            {
                using var signals = StopSignals.Install();
                var isQuiet = parse.GetValue(quiet);
                var request = resolution.Request(parse, parse.GetValue(output)!) with
                {
                    Sources = parse.GetValue(sources) ?? [],
                    Excludes = parse.GetValue(exclude) ?? [],
                    Includes = parse.GetValue(include) ?? [],
                    Lock = parse.GetValue(lockFile),
                    BundlePython = parse.GetValue(bundlePython),
                    Module = parse.GetValue(module),
                    ConsoleScript = parse.GetValue(console),
                    Script = parse.GetValue(script),
                    InterpreterConstraint = parse.GetValue(constraintSpec),
                    InjectArgs = parse.GetValue(injectArgs) ?? [],
                    InjectEnv = (parse.GetValue(injectEnv) ?? []).Select(ParseVariable).ToList(),
                    Name = parse.GetValue(name),
                    Launcher = parse.GetValue(launcher),
                    Platform = PlatformOption.Value(parse, platform),
                    Compression = CompressionSettings.ForLevel(parse.GetValue(level)),
                    UseBuildCache = !parse.GetValue(noBuildCache),
                    ExtractMode = extraction.Mode(parse),
                    GraceMilliseconds = extraction.GraceMilliseconds(parse),
                };
                var result = StageReporting.Run(isQuiet, progress => new PythonAppBuilder(new Log(verbose), progress: progress).Build(request));
                if (!isQuiet)
                {
                    Summary(result);
                }

                return 0;
            });
        });
        return command;
    }

    private static KeyValuePair<string, string> ParseVariable(string text)
    {
        var eq = text.IndexOf('=');
        return eq > 0 ? new(text[..eq], text[(eq + 1)..]) : throw new SatchelException(ExitCodes.Usage, $"--inject-env '{text}' is not K=V");
    }

    private static void Summary(PythonBuildResult result)
    {
        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("what").AddColumn("value");
        table.AddRow("output", Markup.Escape(result.Output));
        table.AddRow("size", ByteCount.Human(new FileInfo(result.Output).Length));
        table.AddRow("entry", Markup.Escape($"{result.EntryKind.ToString().ToLowerInvariant()} {result.Entry}"));
        table.AddRow("interpreter", Markup.Escape(result.InterpreterRequirement + $" (built with {string.Join(", ", result.Interpreters.Select(i => i.Describe()))})"));
        if (result.Bundled is { } bundled)
        {
            var unit = result.Payload.Header.Units[bundled.Unit];
            table.AddRow("bundled", Markup.Escape($"python {bundled.Version} ({bundled.Binary}, {unit.FileCount} files, {ByteCount.Human(unit.InstalledSize)})"));
        }

        table.AddRow("distributions", Markup.Escape(result.Wheels.Count == 0 ? "none" : string.Join(", ", result.Wheels.Select(w => $"{w.Name} {w.Version}"))));
        if (result.Provenance.LockSha256Hex is { } lockDigest)
        {
            table.AddRow("lock", $"sha256 {lockDigest}");
        }

        table.AddRow("app id", Convert.ToHexStringLower(result.Payload.AppId));

        // stdout is for data: when it is piped or redirected the box goes to stderr with the stage lines.
        var console = Console.IsOutputRedirected
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
            : AnsiConsole.Console;
        console.Write(table);
    }
}
