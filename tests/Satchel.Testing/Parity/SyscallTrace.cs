using System.Text.RegularExpressions;

namespace Satchel.Testing.Parity;

/// <summary>
/// The mmap calls of a process tree, as `strace -f` sees them, counted from the last successful
/// execve on (the interpreter's: a Satchel app's launcher and a venv script's kernel both end in one),
/// in total and per section of the program's run, a section starting where the program stats a
/// path containing <see cref="MarkerPrefix"/> and a number.
/// </summary>
public static partial class SyscallTrace
{
    public const string MarkerPrefix = "satchel-depth-marker-";

    public static string? Program { get; } = new[] { "/usr/bin/strace", "/bin/strace" }.FirstOrDefault(File.Exists);

    public sealed record MmapCount(int Total, IReadOnlyDictionary<int, int> PerSection);

    public static MmapCount Run(string program, IEnumerable<string> args, IDictionary<string, string?> environment, string traceFile)
    {
        var result = ProcessRunner.Run(Program ?? throw new InvalidOperationException("strace is not installed"),
            ["-f", "-qq", "-e", "trace=execve,mmap,newfstatat,stat", "-o", traceFile, program, .. args], environment);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"strace {program} failed: {result}");
        }

        var lines = File.ReadAllLines(traceFile);
        var start = Array.FindLastIndex(lines, l => l.Contains(" execve(", StringComparison.Ordinal) && l.EndsWith(" = 0", StringComparison.Ordinal));
        var total = 0;
        int? section = null;
        var perSection = new Dictionary<int, int>();
        foreach (var line in lines.Skip(start + 1))
        {
            if (Marker().Match(line) is { Success: true } marker)
            {
                section = int.Parse(marker.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.Contains(" mmap(", StringComparison.Ordinal))
            {
                total++;
                if (section is { } s)
                {
                    perSection[s] = perSection.GetValueOrDefault(s) + 1;
                }
            }
        }

        return new MmapCount(total, perSection);
    }

    [GeneratedRegex(MarkerPrefix + @"(\d+)")]
    private static partial Regex Marker();
}
