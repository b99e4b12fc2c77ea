namespace Satchel.Runtime.Diagnostics;

/// <summary>
/// Byte counts as people read them ("12.3 MiB"). Integer arithmetic only: the launcher prints
/// these (`./app info`), and floating-point formatting would add its code to every app.
/// </summary>
public static class ByteCount
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    public static string Human(long bytes)
    {
        if (bytes < 1024)
        {
            return $"{bytes} B";
        }

        var unit = 0;
        var scale = 1L;
        while (bytes / scale >= 1024 && unit < Units.Length - 1)
        {
            scale *= 1024;
            unit++;
        }

        // Tenths, rounded half up, as the former "0.0" format did.
        var tenths = (bytes * 10 + scale / 2) / scale;
        return $"{tenths / 10}.{tenths % 10} {Units[unit]}";
    }
}
