using Satchel.Runtime.Launch;
using Satchel.Runtime.Tools;

namespace Satchel.Launcher;

/// <summary>The stub at the front of every built app; all logic lives in Satchel.Runtime.</summary>
internal static class Program
{
    private static int Main(string[] args) => AppLauncher.Run(args, AppTools.Run);
}
