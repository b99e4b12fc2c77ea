using Satchel.Runtime.Configuration;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Packing;

/// <summary>
/// Finds the native launcher that goes at the front of every app: an explicit path
/// (<c>--launcher</c> or SATCHEL_LAUNCHER), else the one shipped beside the satchel CLI.
/// </summary>
public static class LauncherLocator
{
    public const string FileName = "satchel-launcher";

    public static string Find(string? explicitPath)
    {
        var path = explicitPath ?? Settings.Text("SATCHEL_LAUNCHER")
            ?? Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? FileName + ".exe" : FileName);
        if (!File.Exists(path))
        {
            throw new SatchelException(ExitCodes.Unavailable,
                $"launcher not found at {path}; rebuild satchel (./satchel rebuilds it from a checkout) or pass --launcher PATH");
        }

        return path;
    }
}
