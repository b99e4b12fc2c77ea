using Xunit;

namespace Satchel.Testing;

/// <summary>
/// Runs a program under strace(1) (`-f`, `-y` so file descriptors show their paths) and returns
/// its outcome with the trace's lines: for facts about system calls (which paths a run looks at,
/// whether a flush comes before a rename) that no output shows. scripts/install-test-prerequisites
/// installs strace.
/// </summary>
public static class Strace
{
    public static string? Binary { get; } = new[] { "/usr/bin/strace", "/bin/strace" }.FirstOrDefault(File.Exists);

    public static (ProcessResult Result, string[] Trace) Run(string program, IEnumerable<string> args, IDictionary<string, string?>? environment, string calls)
    {
        Assert.True(Binary is not null, "strace is not installed (scripts/install-test-prerequisites installs it)");
        var log = Path.Combine(Path.GetTempPath(), "satchel-strace-" + Guid.NewGuid().ToString("N") + ".log");
        try
        {
            var result = ProcessRunner.Run(Binary, ["-f", "-y", "-qq", "-e", "trace=" + calls, "-o", log, program, .. args], environment);
            return (result, File.Exists(log) ? File.ReadAllLines(log) : []);
        }
        finally
        {
            File.Delete(log);
        }
    }
}

/// <summary>A fact that needs strace: skipped, with the reason shown, where it is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StraceFactAttribute : FactAttribute
{
    public StraceFactAttribute()
    {
        if (Strace.Binary is null)
        {
            Skip = "strace is not installed (scripts/install-test-prerequisites installs it when run as root)";
        }
    }
}
