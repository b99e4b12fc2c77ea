using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Extraction;
using Satchel.Runtime.Format;
using Satchel.Windows.Tests.Host;

namespace Satchel.Windows.Tests.Helpers;

/// <summary>A second process extracting into the same cache, as a second copy of the app started at the same moment would.</summary>
internal static class Extractor
{
    /// <summary>
    /// `extract APP CACHE HANDSHAKE LOG`: opens the app, says ready, waits for the start signal
    /// (the case's release), extracts the unit with the real installer and writes its verbose log.
    /// </summary>
    public static int Extract(string[] args)
    {
        var handshake = new Handshake(args[2]);
        using var app = AppFile.Open(args[0]);
        handshake.SayReady();
        handshake.WaitForRelease();
        using var log = new StreamWriter(args[3]);
        var installer = new UnitInstaller(new CacheLayout(args[1]), new Log(enabled: true, log));
        installer.Ensure(app, CraftedApp.OnlyUnit(app), () => app.ReadIndex().Units[0]);
        return 0;
    }

    /// <summary>
    /// `extract-and-hang APP CACHE HANDSHAKE`: takes the unit's lock and writes its files into the
    /// work directory like the installer, then says ready (with the work directory) and hangs
    /// before the completion marker and the rename, to be killed there.
    /// </summary>
    public static int ExtractAndHang(string[] args)
    {
        var handshake = new Handshake(args[2]);
        using var app = AppFile.Open(args[0]);
        var unit = CraftedApp.OnlyUnit(app);
        new AtomicDirectory(new CacheLayout(args[1]).UnitDir(unit.KeyHex), Log.Quiet).Ensure(work =>
        {
            UnitTreeWriter.Write(app, app.ReadIndex().Units[0], Path.Combine(work, CacheLayout.UnitFilesDirectory));
            handshake.SayReady(work);
            Thread.Sleep(Timeout.Infinite);
            return string.Empty;
        });
        return 1;
    }
}
