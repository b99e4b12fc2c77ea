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

            // A path the user gave is their mistake to fix (66, as for any named input); a launcher
            // this satchel should carry but does not is satchel's build to fix (69).
            throw (explicitPath, given) switch
            {
                ({ }, _) => new SatchelException(ExitCodes.NoInput,
                    $"--launcher {path}: no such file; give the path of a satchel-launcher binary, or leave out --launcher to use the one this satchel carries"),
                (null, { }) => new SatchelException(ExitCodes.NoInput,
                    $"{SatchelVariables.Launcher}={path}: no such file; point it at a satchel-launcher binary, or unset it to use the one this satchel carries"),
                _ when !forThisMachine => new SatchelException(ExitCodes.Unavailable,
                    $"no launcher for {target} at {path}: this satchel was built without it (its build warned SATCHEL0002 naming what was missing: install that and rebuild satchel), or pass --launcher PATH"),
                _ => new SatchelException(ExitCodes.Unavailable,
                    $"launcher not found at {path}; rebuild satchel (./satchel rebuilds it from a checkout) or pass --launcher PATH"),
            };
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
