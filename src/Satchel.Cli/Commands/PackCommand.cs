using System.CommandLine;
using Satchel.Build.Output;
using Satchel.Build.Packing;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Format;

namespace Satchel.Cli.Commands;

/// <summary>`satchel pack DIR --entry RELPATH -o OUT`: any directory into one executable.</summary>
internal static class PackCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "The directory to pack: every file, directory and relative symlink under it." };
        var entry = new Option<string>("--entry", "-e") { Description = "The file to run, relative to DIR; it must be executable.", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "The executable to write.", Required = true };
        var name = new Option<string?>("--name") { Description = "The app's name (default: the output file's name)." };
        var launcher = new Option<string?>("--launcher") { Description = "Use this launcher binary instead of the one shipped with satchel." };
        var level = CompressionLevelOption.Create();
        var platform = PlatformOption.Create();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing on success." };
        var exclude = new Option<string[]>("--exclude") { Description = "Leave out what matches this gitignore-style PATTERN ('*', '?', '**', leading '/' anchors, trailing '/' for directories) (repeatable); .git, .hg, .svn and Satchel's outputs are always left out." };
        var extraction = new ExtractionOptions();

        var command = new Command("pack", "Pack a directory into one executable that runs DIR/ENTRY from the cache.\n\nExample: satchel pack ./dist --entry bin/run.sh -o run")
        {
            directory, entry, output, name, launcher, platform, level, quiet, exclude,
        };
        foreach (var option in extraction.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => ErrorBoundary.Run(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose)), () =>
        {
            using var signals = StopSignals.Install();
            var request = new PackRequest(
                parse.GetValue(directory)!,
                parse.GetValue(entry)!,
                parse.GetValue(output)!,
                parse.GetValue(name),
                parse.GetValue(launcher),
                CompressionSettings.ForLevel(parse.GetValue(level)),
                extraction.Mode(parse),
                GraceMilliseconds: extraction.GraceMilliseconds(parse),
                Excludes: parse.GetValue(exclude) ?? [],
                Platform: PlatformOption.Value(parse, platform));
            var log = new Log(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose)));
            var (path, payload) = DirectoryPacker.Pack(request, log: log, warn: BuildDirectory.WarnOnStandardError);
            if (!parse.GetValue(quiet))
            {
                var size = new FileInfo(path).Length;
                var unit = payload.Header.Units[0];
                Console.WriteLine($"packed {path}: {ByteCount.Human(size)}, {unit.FileCount} files ({ByteCount.Human(unit.InstalledSize)} installed), entry {payload.Header.Launch.EntryPath}, app id {Convert.ToHexStringLower(payload.AppId)}");
            }

            return 0;
        }));
        return command;
    }
}
