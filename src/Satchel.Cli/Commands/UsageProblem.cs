using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Satchel.Cli.Commands;

/// <summary>
/// Turns what the parser found wrong into one line in the user's terms: the unknown command or
/// option with the closest known name, a value that is not a number without .NET's type names,
/// and where to read more. Also catches what the parser lets through: an unknown option taken as
/// a positional argument (`satchel build --no-idnex` would otherwise be a requirement for pip).
/// </summary>
internal static partial class UsageProblem
{
    /// <summary>The one line to print (without "satchel: "), or null when the command line is fine.</summary>
    public static string? Describe(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var name = CommandName(parsed);
        var help = command is RootCommand ? "`satchel --help` lists the commands" : $"`satchel help {name}` lists its options";
        if (StrayOption(parsed) is { } stray)
        {
            return UnknownOption(stray, command, name, help);
        }

        if (parsed.Errors.Count == 0)
        {
            return null;
        }

        if (parsed.UnmatchedTokens.Count > 0 && parsed.UnmatchedTokens[0] is { } unmatched)
        {
            if (unmatched.StartsWith('-') && unmatched.Length > 1)
            {
                return UnknownOption(unmatched, command, name, help);
            }

            if (command.Subcommands.Count > 0)
            {
                var suggestion = NameSuggestion.Closest(unmatched, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
                var what = command is RootCommand ? "command" : $"`satchel {name}` command";
                return $"unknown {what} '{unmatched}'{Hint(suggestion)}; {(command is RootCommand ? help : $"`satchel help {name}` lists them")}";
            }

            return $"unexpected argument '{unmatched}' for `{Invocation(name)}`; {help}";
        }

        var message = parsed.Errors[0].Message;
        if (NotParsed().Match(message) is { Success: true } m)
        {
            return $"{m.Groups["option"].Value} '{m.Groups["value"].Value}' is not {Kind(m.Groups["type"].Value)}; {help}";
        }

        if (message.StartsWith("Required command", StringComparison.Ordinal))
        {
            return command is RootCommand ? $"no command given; {help}" : $"`satchel {name}` needs a command; `satchel help {name}` lists them";
        }

        if (message.StartsWith("Required argument missing", StringComparison.Ordinal))
        {
            return $"`satchel {name}` needs {string.Join(" and ", command.Arguments.Select(a => a.Name))}; {help}";
        }

        if (message.StartsWith("--", StringComparison.Ordinal))
        {
            // Satchel's own validators already name the option and the value.
            return $"{message}; {help}";
        }

        if (Required().Match(message) is { Success: true } required)
        {
            return $"{required.Groups["option"].Value} is required for `satchel {name}`; {help}";
        }

        return $"{message.TrimEnd('.')} ({Invocation(name)}); {help}";
    }

    private static string UnknownOption(string typed, Command command, string name, string help)
    {
        var known = command.Options.Concat(GlobalOptions.All).Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
        var text = typed.Split('=', 2)[0];
        var hint = Hint(NameSuggestion.Closest(text, known));
        if (command is RootCommand && OwnersOf(text, command) is { Count: > 0 } owners)
        {
            // `satchel --launcher x pack …`: the option is right, its place is not.
            hint = $" ({text} is an option of {string.Join(", ", owners.Select(o => $"`satchel {o}`"))}: put it after the command)";
        }

        return $"unknown option '{text}' for `{Invocation(name)}`{hint}; {help}";
    }

    /// <summary>The commands (and subcommands, as "cache prune") that take <paramref name="option"/>.</summary>
    private static List<string> OwnersOf(string option, Command root)
    {
        var owners = new List<string>();
        void Visit(Command command, string prefix)
        {
            foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
            {
                var path = prefix.Length == 0 ? sub.Name : $"{prefix} {sub.Name}";
                if (sub.Options.Any(o => !o.Hidden && (o.Name == option || o.Aliases.Contains(option))))
                {
                    owners.Add(path);
                }

                Visit(sub, path);
            }
        }

        Visit(root, string.Empty);
        return owners;
    }

    /// <summary>"satchel" for the root command (no trailing space), "satchel NAME" for a command.</summary>
    private static string Invocation(string name) => name.Length == 0 ? "satchel" : $"satchel {name}";

    private static string Hint(string? suggestion) => suggestion is null ? string.Empty : $" (did you mean `{suggestion}`?)";

    /// <summary>
    /// A token like "--no-idnex" that the parser gave to a positional argument (INPUTS, APP),
    /// before any "--": options and their values are never in an argument's tokens.
    /// </summary>
    private static string? StrayOption(ParseResult parsed)
    {
        var doubleDash = parsed.Tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        var beforeDash = doubleDash < 0 ? parsed.Tokens : parsed.Tokens.Take(doubleDash).ToList();
        var positional = parsed.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).ToHashSet(ReferenceEqualityComparer.Instance);
        return beforeDash.FirstOrDefault(t => positional.Contains(t) && t.Value.Length > 1 && t.Value.StartsWith('-'))?.Value;
    }

    private static string CommandName(ParseResult parsed)
    {
        var names = new List<string>();
        for (SymbolResult? result = parsed.CommandResult; result is CommandResult { Command: not RootCommand } c; result = c.Parent)
        {
            names.Insert(0, c.Command.Name);
        }

        return string.Join(' ', names);
    }

    private static string Kind(string type) => type switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Boolean" => "true or false",
        _ => "a valid value",
    };

    [GeneratedRegex("^Option '(?<option>[^']*)' is required")]
    private static partial Regex Required();

    [GeneratedRegex("^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']*)' as expected type '(?<type>[^']*)'")]
    private static partial Regex NotParsed();
}
