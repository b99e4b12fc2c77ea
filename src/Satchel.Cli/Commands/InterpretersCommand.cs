using System.CommandLine;
using System.Text.Json;
using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Interpreters;

namespace Satchel.Cli.Commands;

/// <summary>
/// `satchel interpreters [--require SPEC] [--json]`: every interpreter a built app could find
/// here, in preference order, with its facts and the one a launcher would choose (a diagnostic,
/// documented in docs/interpreters.md). Exits 69 when none matches.
/// </summary>
internal static class InterpretersCommand
{
    public static Command Create()
    {
        var require = new Option<string>("--require", "-r")
        {
            Description = "A Python requirement, as an app stores it: PEP 440 clauses, e.g. '>=3.9,<3.13' or '==3.11.*;abi=cp311'.",
            DefaultValueFactory = _ => string.Empty,
        };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var command = new Command("interpreters", "List the Python interpreters satchel finds and which one an app would use.\n\nExample: satchel interpreters --require '>=3.9,<3.13'")
        {
            require, json,
        };
        command.SetAction(parse => ErrorBoundary.Run(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose)), () =>
        {
            var requirement = InterpreterRequirement.Parse(parse.GetValue(require)!);
            var log = new Log(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose)));
            var layout = new CacheLayout(CacheRoot.Resolve());
            var survey = InterpreterSelector.Survey(requirement, layout, log, InterpreterEnvironment.FromProcess());
            if (parse.GetValue(json))
            {
                WriteJson(survey);
            }
            else
            {
                WriteText(survey);
            }

            return survey.Chosen is null
                ? throw new SatchelException(ExitCodes.Unavailable, $"no interpreter here matches {requirement.Describe()}: install one, or set SATCHEL_PYTHON to one")
                : 0;
        }));
        return command;
    }

    private static void WriteText(InterpreterSurvey survey)
    {
        Console.WriteLine($"requirement: {survey.Requirement.Describe()}");
        for (var i = 0; i < survey.Verdicts.Count; i++)
        {
            var verdict = survey.Verdicts[i];
            var mark = i == survey.ChosenIndex ? '*' : verdict.Matches ? '+' : '-';
            var facts = verdict.Facts?.Describe() ?? "?";
            var tail = i == survey.ChosenIndex ? "chosen" : verdict.Rejection ?? "matches too";
            Console.WriteLine($"{mark} {verdict.Candidate.Describe()}: {facts}: {tail}");
        }

        Console.WriteLine(survey.Chosen?.Facts is { } chosen ? $"chosen: {chosen.Path}" : "chosen: none");
    }

    private static void WriteJson(InterpreterSurvey survey)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("requirement", survey.Requirement.ToString());
            w.WriteString("chosen", survey.Chosen?.Facts?.Path);
            w.WriteStartArray("candidates");
            for (var i = 0; i < survey.Verdicts.Count; i++)
            {
                WriteCandidate(w, survey.Verdicts[i], i == survey.ChosenIndex);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        stdout.WriteByte((byte)'\n');
    }

    private static void WriteCandidate(Utf8JsonWriter w, CandidateVerdict verdict, bool chosen)
    {
        w.WriteStartObject();
        w.WriteString("path", verdict.Candidate.Path);
        w.WriteString("source", verdict.Candidate.Source);
        w.WriteString("realPath", verdict.Candidate.RealPath);
        w.WriteBoolean("matches", verdict.Matches);
        w.WriteBoolean("chosen", chosen);
        w.WriteString("rejection", verdict.Rejection);
        if (verdict.Facts is { } f)
        {
            w.WriteStartObject("facts");
            w.WriteString("implementation", f.Implementation);
            w.WriteString("version", f.Version.ToString());
            w.WriteString("majorMinor", f.MajorMinor);
            w.WriteString("abiflags", f.AbiFlags);
            w.WriteString("machine", f.Machine);
            w.WriteString("executable", f.Executable);
            w.WriteString("prefix", f.Prefix);
            w.WriteString("basePrefix", f.BasePrefix);
            w.WriteBoolean("isVenv", f.IsVenv);
            w.WriteString("stdlib", f.StdlibDir);
            w.WriteBoolean("hasVenv", f.HasVenv);
            w.WriteBoolean("hasEnsurepip", f.HasEnsurepip);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("facts");
        }

        w.WriteEndObject();
    }
}
