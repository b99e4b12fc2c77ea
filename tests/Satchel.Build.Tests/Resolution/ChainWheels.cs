using Satchel.Testing.PackageIndex;

namespace Satchel.Build.Tests.Resolution;

/// <summary>
/// A small world of wheels with choices to make: a 1.0 needs b>=1; b 1.0 and 2.0 both need c;
/// c 0.5 works everywhere and c 0.6 only on Python 2 (so a resolver that ignores Requires-Python
/// would pick it); d is there and never asked for.
/// </summary>
internal static class ChainWheels
{
    public static string Write(string directory)
    {
        CraftedWheel.Write(directory, "a", "1.0", ["b>=1"]);
        CraftedWheel.Write(directory, "b", "1.0", ["c"]);
        CraftedWheel.Write(directory, "b", "2.0", ["c"]);
        CraftedWheel.Write(directory, "c", "0.5", requiresPython: ">=3");
        CraftedWheel.Write(directory, "c", "0.6", requiresPython: "<3");
        CraftedWheel.Write(directory, "d", "1.0");
        return directory;
    }
}
