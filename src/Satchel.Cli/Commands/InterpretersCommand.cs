using System.CommandLine;
using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Interpreters;
using Satchel.Runtime.Tools;

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
            Description = "A Python requirement, as an app stores it: PEP 440 clauses, e.g. '>=3.9,<3.13' or '==3.11.*;abi=cp311'; several joined by ' or ' (an app built for several Pythons, as inspect shows it: '==3.9.* or ==3.13.*') match an interpreter one of them accepts.",
            DefaultValueFactory = _ => string.Empty,
        };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var command = new Command("interpreters", "List the Python interpreters satchel finds and which one an app would use.\n\nExample: satchel interpreters --require '>=3.9,<3.13'")
        {
            require, json,
        };
        command.SetAction(parse => ErrorBoundary.Run(ErrorBoundary.IsVerbose(parse.GetValue(GlobalOptions.Verbose)), () =>
        {
            var requirement = InterpreterRequirementSet.ParseAlternatives(parse.GetValue(require)!);
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

    /// <summary>The one JSON style of every --json (docs/tools.md): snake_case keys and a schema number.</summary>
    private static void WriteJson(InterpreterSurvey survey)
    {
        var json = new JsonText().StartObject()
            .Number("schema", 1)
            .Text("requirement", survey.Requirement.ToString())
            .Text("chosen", survey.Chosen?.Facts?.Path)
            .StartArray("candidates");
        for (var i = 0; i < survey.Verdicts.Count; i++)
        {
            WriteCandidate(json, survey.Verdicts[i], i == survey.ChosenIndex);
        }

        Console.Write(json.EndArray().EndObject() + "\n");
    }

    private static void WriteCandidate(JsonText json, CandidateVerdict verdict, bool chosen)
    {
        json.StartObject()
            .Text("path", verdict.Candidate.Path)
            .Text("source", verdict.Candidate.Source)
            .Text("real_path", verdict.Candidate.RealPath)
            .Bool("matches", verdict.Matches)
            .Bool("chosen", chosen)
            .Text("rejection", verdict.Rejection);
        if (verdict.Facts is { } f)
        {
            json.StartObject("facts")
                .Text("implementation", f.Implementation)
                .Text("version", f.Version.ToString())
                .Text("major_minor", f.MajorMinor)
                .Text("abiflags", f.AbiFlags)
                .Text("machine", f.Machine)
                .Text("executable", f.Executable)
                .Text("prefix", f.Prefix)
                .Text("base_prefix", f.BasePrefix)
                .Bool("is_venv", f.IsVenv)
                .Text("stdlib", f.StdlibDir)
                .Bool("has_venv", f.HasVenv)
                .Bool("has_ensurepip", f.HasEnsurepip)
                .EndObject();
        }
        else
        {
            json.Null("facts");
        }

        json.EndObject();
    }
}
