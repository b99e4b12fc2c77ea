using System.CommandLine;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;

namespace Satchel.Cli.Commands;

/// <summary>`--extract cache|temp` and `--grace-period SECONDS`, shared by `pack` and `build` (docs/temp-mode.md).</summary>
internal sealed class ExtractionOptions
{
    public Option<string> Extract { get; } = new("--extract")
    {
        Description = "Where the app's files go at run time: 'cache' (shared, extracted once) or 'temp' (a private directory per run, removed at exit). SATCHEL_EXTRACT overrides it at run time.",
        DefaultValueFactory = _ => "cache",
    };

    public Option<string?> GracePeriod { get; } = new("--grace-period")
    {
        Description = "Temp mode: seconds the app gets after the first SIGINT/SIGTERM/SIGHUP/SIGQUIT before it is killed (default 5).",
    };

    public IEnumerable<Option> All => [Extract, GracePeriod];

    public ExtractMode Mode(ParseResult parse) => parse.GetValue(Extract) switch
    {
        "cache" => ExtractMode.Cache,
        "temp" => ExtractMode.Temp,
        var other => throw new SatchelException(ExitCodes.Usage, $"--extract '{other}' is not 'cache' or 'temp'"),
    };

    public int GraceMilliseconds(ParseResult parse)
    {
        if (parse.GetValue(GracePeriod) is not { } text)
        {
            return PayloadHeader.DefaultGraceMilliseconds;
        }

        if (DurationText.ParseSeconds(text) is not { } grace || grace.TotalMilliseconds > PayloadHeader.MaxGraceMilliseconds)
        {
            throw new SatchelException(ExitCodes.Usage, $"--grace-period '{text}' is not a number of seconds between 0 and {PayloadHeader.MaxGraceMilliseconds / 1000}");
        }

        return (int)grace.TotalMilliseconds;
    }
}
