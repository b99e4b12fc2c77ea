using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// Learns an interpreter's facts by running it once with <see cref="ProbeScript"/>. Every failure
/// (cannot start, non-zero exit, no answer in time, an answer that does not parse) becomes a
/// phrase for the "no matching interpreter" message, never an exception.
/// </summary>
public static class InterpreterProbe
{
    /// <summary>Generous: a cold interpreter on a slow network disk can take seconds to start.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static ProbeResult Run(string realPath, BinaryStamp stamp)
    {
        SpawnOutcome outcome;
        try
        {
            outcome = OperatingSystem.IsWindows() ? RunWindows(realPath) : RunPosix(realPath);
        }
        catch (Exception e) when (e is Win32Exception or IOException or UnauthorizedAccessException)
        {
            return ProbeResult.Failed($"cannot start: {e.Message}");
        }

        if (outcome.TimedOut)
        {
            return ProbeResult.Failed($"did not answer within {Diagnostics.DurationText.Seconds(Timeout)}");
        }

        if (outcome.ExitCode != 0)
        {
            return ProbeResult.Failed($"failed to run (exit status {outcome.ExitCode}){LastLine(outcome.StdErr)}");
        }

        return Parse(outcome.StdOut, realPath, stamp) is { } facts
            ? new ProbeResult(facts, null, false)
            : ProbeResult.Failed($"gave an answer satchel does not understand{LastLine(outcome.StdErr)}");
    }

    /// <summary>posix_spawn, not System.Diagnostics.Process, which would add about half a megabyte to every launcher.</summary>
    private static SpawnOutcome RunPosix(string realPath)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            environment[(string)variable.Key] = (string?)variable.Value ?? string.Empty;
        }

        return SpawnedProcess.Run(realPath, [realPath, .. ProbeScript.Arguments], environment, Timeout, captureStandardError: true);
    }

    private static SpawnOutcome RunWindows(string realPath)
    {
        var start = new ProcessStartInfo(realPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in ProbeScript.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new Win32Exception("not started");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception)
            {
                // It exited between the wait and the kill, or cannot be stopped; either way we stop waiting.
            }

            return new SpawnOutcome(-1, string.Empty, TimedOut: true);
        }

        return new SpawnOutcome(process.ExitCode, stdout.GetAwaiter().GetResult(), TimedOut: false, stderr.GetAwaiter().GetResult());
    }

    /// <summary>Facts from the probe's NUL-separated key=value output; null if a field is missing or malformed.</summary>
    internal static InterpreterFacts? Parse(string output, string realPath, BinaryStamp stamp)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in output.Split('\0'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                fields[pair[..eq]] = pair[(eq + 1)..];
            }
        }

        if (!fields.TryGetValue("version_info", out var versionInfo) || ParseVersionInfo(versionInfo) is not { } version)
        {
            return null;
        }

        // What the interpreter cannot know about itself comes from here; then it reads like a facts file.
        fields["version"] = version.ToString();
        fields["path"] = realPath;
        fields["size"] = stamp.Size.ToString(CultureInfo.InvariantCulture);
        fields["mtime"] = stamp.MtimeNanoseconds.ToString(CultureInfo.InvariantCulture);
        return FactsRecord.From(fields);
    }

    /// <summary>"3.13.0.candidate.1" (the five fields of sys.version_info) to 3.13.0rc1.</summary>
    private static PythonVersion? ParseVersionInfo(string text)
    {
        var parts = text.Split('.');
        var numbers = new int[4];
        return parts.Length == 5
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[0])
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[1])
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[2])
            && int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[3])
            ? PythonVersion.FromVersionInfo(numbers[0], numbers[1], numbers[2], parts[3], numbers[3])
            : null;
    }

    private static string LastLine(string errors)
    {
        var line = errors.TrimEnd().Split('\n')[^1].Trim();
        return line.Length == 0 ? string.Empty : ": " + (line.Length > 200 ? line[..200] + "..." : line);
    }
}

/// <summary>The facts of one interpreter, or why they could not be learned ("failed to run: ...").</summary>
public sealed record ProbeResult(InterpreterFacts? Facts, string? Failure, bool FromCache)
{
    public static ProbeResult Failed(string failure) => new(null, failure, false);
}
