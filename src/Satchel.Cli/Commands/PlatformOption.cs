using System.CommandLine;
using Satchel.Runtime.Platforms;

namespace Satchel.Cli.Commands;

/// <summary>
/// `--platform linux-x86_64|linux-aarch64`, shared by `pack` and `build`: the machine the app is for
/// (its launcher, and for `build` the wheels pip may choose). Unknown names are a usage error (64)
/// listing the known ones, before any work.
/// </summary>
internal static class PlatformOption
{
    public static Option<string?> Create() => Validated(new Option<string?>("--platform")
    {
        Description = $"The platform the app runs on: {TargetPlatform.KnownNames} (default: this machine's).",
    });

    /// <summary>The chosen platform; null when the option is not given (this machine's).</summary>
    public static TargetPlatform? Value(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { } name ? TargetPlatform.Find(name) : null;

    private static Option<string?> Validated(Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && result.Tokens[0].Value is var name && TargetPlatform.Find(name) is null)
            {
                // .NET's and uname's names of the same machines are the likely slips: linux-arm64, aarch64.
                var meant = TargetPlatform.All.FirstOrDefault(p => name == p.RuntimeIdentifier || name == p.Machine)?.Name
                    ?? NameSuggestion.Closest(name, TargetPlatform.All.Select(p => p.Name));
                var hint = meant is null ? string.Empty : $" (did you mean `{meant}`?)";
                result.AddError($"--platform '{name}' is not a platform satchel builds for{hint}; known: {TargetPlatform.KnownNames}");
            }
        });
        return option;
    }
}
