using Satchel.Runtime.Configuration;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Launch;

/// <summary>
/// The full launcher started by the warm-start stub (docs/launcher.md, "The warm-start stub"): the
/// stub names the app file in <see cref="SatchelVariables.Handover"/>, since this process runs from
/// a memfd or an unlinked temporary copy. The variable is taken out of the environment before
/// anything else, so neither the app nor anything the tools start sees it.
/// </summary>
internal static class StubHandover
{
    /// <summary>The app file's path when the stub started this launcher; null when it was run directly.</summary>
    public static string? AppPath { get; private set; }

    public static void Accept()
    {
        var app = Environment.GetEnvironmentVariable(SatchelVariables.Handover);
        if (app is null)
        {
            return;
        }

        Remove(SatchelVariables.Handover);
        if (Environment.GetEnvironmentVariable(SatchelVariables.HandoverGc) is not null)
        {
            // The GC range the stub chose for a `ulimit -v` (read at this process's start): not the app's.
            Remove(SatchelVariables.HandoverGc);
            Remove("DOTNET_GCRegionRange");
        }

        AppPath = app is { Length: > 0 } && Path.IsPathRooted(app) ? app : null;
    }

    /// <summary>Both copies: the C environment that execv passes on, and .NET's, which child processes get.</summary>
    private static void Remove(string name)
    {
        Environment.SetEnvironmentVariable(name, null);
        if (!OperatingSystem.IsWindows())
        {
            LibC.UnsetEnv(name);
        }
    }
}
