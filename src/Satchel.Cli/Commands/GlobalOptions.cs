using System.CommandLine;

namespace Satchel.Cli.Commands;

/// <summary>Options every command accepts.</summary>
internal static class GlobalOptions
{
    public static Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Print what satchel decides and does (also SATCHEL_VERBOSE=1).",
        Recursive = true,
    };

    /// <summary>Every global option, for "did you mean" suggestions.</summary>
    public static IEnumerable<Option> All => [Verbose];
}
