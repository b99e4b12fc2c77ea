using Satchel.Runtime.Configuration;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Launch;
using Satchel.Windows.Tests.Host;

namespace Satchel.Windows.Tests.Helpers;

/// <summary>
/// A temp-mode launcher whose app is this program in a child mode: the launcher's own life cycle
/// (TempLauncher.RunInPrivateDirectory: run directory in %TEMP%, the child in a kill-on-close job,
/// console events, the grace period, removal of the directory) with the extraction replaced by
/// writing one file, since the cache cases test extraction.
/// </summary>
internal static class TempLauncherHost
{
    /// <summary>`temp-launcher HANDSHAKE GRACE_MS CHILD_MODE CHILD_ARGS...`: writes the run directory to HANDSHAKE\run-dir and exits as the child did.</summary>
    public static int Run(string[] args)
    {
        var handshake = new Handshake(args[0]);
        var grace = TimeSpan.FromMilliseconds(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        var log = new Log(enabled: true);
        return TempLauncher.RunInPrivateDirectory(dir =>
        {
            File.WriteAllText(Path.Combine(dir, "payload.txt"), "extracted");
            File.WriteAllText(Path.Combine(handshake.Directory, "run-dir"), dir);
            var program = HelperProcess.Executable;
            return new LaunchPlan(program, [program, "helper", .. args[2..]], [new(SatchelVariables.AppDir, dir)]);
        }, grace, log);
    }
}
