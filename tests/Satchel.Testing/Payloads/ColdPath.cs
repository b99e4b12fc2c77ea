using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Launch;

namespace Satchel.Testing.Payloads;

/// <summary>
/// The launcher's cold path without the final exec, in process: open the app file, verify its
/// header, extract every unit into the cache at a given root, plan the launch. Thousands of fault
/// cases run through this in seconds; a sample also runs through the real launcher.
/// </summary>
public static class ColdPath
{
    /// <summary>Null on success; the clean failure otherwise. Any other exception escapes: for hostile input it is a bug.</summary>
    public static SatchelException? Run(string appPath, string cacheRoot)
    {
        try
        {
            using var app = AppFile.Open(appPath);
            app.VerifyHeader();
            var layout = new CacheLayout(cacheRoot);
            var installer = new UnitInstaller(layout, Log.Quiet);
            PayloadIndex? index = null;
            for (var i = 0; i < app.Header.Units.Count; i++)
            {
                var position = i;
                installer.Ensure(app, app.Header.Units[i], () => (index ??= app.ReadIndex()).Units[position]);
            }

            _ = LaunchPlan.For(app.Header, layout, appPath, []);
            return null;
        }
        catch (SatchelException e)
        {
            return e;
        }
    }
}
