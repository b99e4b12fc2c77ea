using System.CommandLine;
using Satchel.Build.Packing;

namespace Satchel.Cli.Commands;

/// <summary>`--compression-level 0-11` (Brotli quality), shared by `pack` and `build`; out of range is a usage error before any work.</summary>
internal static class CompressionLevelOption
{
    public const int Max = 11;

    public static Option<int> Create()
    {
        var level = new Option<int>("--compression-level")
        {
            Description = $"Brotli quality 0-{Max} (default {CompressionSettings.Default.Quality}).",
            DefaultValueFactory = _ => CompressionSettings.Default.Quality,
        };
        level.Validators.Add(result =>
        {
            // Only a number out of range: a value that is no number is the parser's own error.
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, out var value) && value is < 0 or > Max)
            {
                result.AddError($"--compression-level {result.Tokens[0].Value} is not between 0 and {Max}");
            }
        });
        return level;
    }
}
