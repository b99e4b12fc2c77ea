using System.Runtime.InteropServices;
using Satchel.Runtime.Configuration;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Platforms;

namespace Satchel.Build.Packing;

/// <summary>
/// Finds the native launcher that goes at the front of every app, for the platform the app runs on,
/// in this order: an explicit path (<c>--launcher</c>, or SATCHEL_LAUNCHER for this machine's
/// platform); the one shipped beside the satchel CLI as <c>launchers/RID/satchel-launcher</c>
/// (linux-x64, linux-arm64: docs/launcher.md#two-launchers; the JIT CLI and the .NET tool); else the
/// one embedded in the satchel executable (<see cref="EmbeddedLaunchers"/>: the native CLI,
/// docs/distribution.md). This is the one place that maps a platform to a launcher. An ELF launcher
/// for another machine than the target is refused: the app would not start there.
/// </summary>
public static class LauncherLocator
{
    public const string FileName = "satchel-launcher";

    public const string ShippedDirectory = "launchers";

    /// <param name="explicitPath">`--launcher`, or null.</param>
    /// <param name="platform">`--platform`, or null for this machine's.</param>
    public static LauncherImage Find(string? explicitPath, TargetPlatform? platform = null)
    {
        var target = platform ?? TargetPlatform.Host;
        var forThisMachine = target == TargetPlatform.Host;
        var given = explicitPath ?? (forThisMachine ? Settings.Text(SatchelVariables.Launcher) : null);
        var path = given ?? Shipped(target);
        if (!File.Exists(path))
        {
            if (given is null && EmbeddedLaunchers.Find(target?.RuntimeIdentifier ?? RuntimeInformation.RuntimeIdentifier) is { } embedded)
            {
                return embedded;
            }

            throw explicitPath is null && !forThisMachine
                ? new SatchelException(ExitCodes.Unavailable,
                    $"no launcher for {target} at {path}: this satchel was built without it (its build warned SATCHEL0002 naming what was missing: install that and rebuild satchel), or pass --launcher PATH")
                : new SatchelException(ExitCodes.Unavailable,
                    $"launcher not found at {path}; rebuild satchel (./satchel rebuilds it from a checkout) or pass --launcher PATH");
        }

        if (target is not null && ExecutableFormat.ElfMachine(path) is { } machine && machine != target.ElfMachine)
        {
            throw new SatchelException(ExitCodes.Usage,
                $"the launcher {path} is for {ExecutableFormat.Describe(path)}, but the app is for {target}{(platform is null ? " (this machine; --platform chooses another)" : string.Empty)}; pass the launcher built for {target} or leave out --launcher");
        }

        return new LauncherImage(File.ReadAllBytes(path), path);
    }

    /// <summary>Where the CLI carries the launcher for <paramref name="target"/> (this machine's when null).</summary>
    public static string Shipped(TargetPlatform? target) =>
        Path.Combine(AppContext.BaseDirectory, ShippedDirectory, target?.RuntimeIdentifier ?? RuntimeInformation.RuntimeIdentifier,
            OperatingSystem.IsWindows() ? FileName + ".exe" : FileName);
}
