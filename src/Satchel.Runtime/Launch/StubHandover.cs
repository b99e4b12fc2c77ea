using Satchel.Runtime.Configuration;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Launch;

/// <summary>
/// The full launcher started by the warm-start stub (docs/launcher.md, "The warm-start stub"): the
/// stub names the app file in <see cref="SatchelVariables.Handover"/>, since this process runs from
/// a memfd or a temporary copy, and in <see cref="SatchelVariables.HandoverFile"/> such a copy,
/// removed here at once. Both variables are taken out of the environment before anything else,
/// so neither the app nor anything the tools start sees them.
/// </summary>
internal static class StubHandover
{
    /// <summary>The app file's path when the stub started this launcher; null when it was run directly.</summary>
    public static string? AppPath { get; private set; }

    public static void Accept()
    {
        var app = Environment.GetEnvironmentVariable(SatchelVariables.Handover);
        var copy = Environment.GetEnvironmentVariable(SatchelVariables.HandoverFile);
        if (app is null && copy is null)
        {
            return;
        }

        foreach (var name in (string[])[SatchelVariables.Handover, SatchelVariables.HandoverFile])
        {
            // Both copies: the C environment that execv passes on, and .NET's, which child processes get.
            Environment.SetEnvironmentVariable(name, null);
            if (!OperatingSystem.IsWindows())
            {
                LibC.UnsetEnv(name);
            }
        }

        if (copy is { Length: > 0 } && Path.IsPathRooted(copy))
        {
            try
            {
                File.Delete(copy);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A stray copy in TMPDIR costs 2 MB until the temp cleaner comes; the start goes on.
            }
        }

        AppPath = app is { Length: > 0 } && Path.IsPathRooted(app) ? app : null;
    }
}
