using Satchel.Runtime.Errors;
using System.Globalization;

namespace Satchel.Runtime.Cache;

/// <summary>
/// Every path inside the cache, derived from the one resolved root. See docs/cache-layout.md;
/// the schema directory ("v1") changes when the layout does, so old and new Satchels can share
/// a root without reading each other's trees.
/// </summary>
public sealed class CacheLayout(string resolvedRoot)
{
    public const string Schema = "v1";
    public const string UnitFilesDirectory = "files";

    public string Root { get; } = resolvedRoot;

    /// <summary>
    /// The cache belongs to root and we are another user (<see cref="CacheRoot.Open"/>): it is used
    /// as it is, with no write at all (no use record, no lock file created, no interpreter record
    /// stored); anything missing is <see cref="ReadOnlyCacheException"/>.
    /// </summary>
    public bool ReadOnly { get; init; }

    public string SchemaDir => Path.Combine(Root, Schema);

    public string UnitsDir => Path.Combine(SchemaDir, "units");

    public string UnitDir(string keyHex) => Path.Combine(UnitsDir, keyHex);

    /// <summary>The unit's extracted tree: what SATCHEL_APP_DIR points at for the app unit.</summary>
    public string UnitFiles(string keyHex) => Path.Combine(UnitsDir, keyHex, UnitFilesDirectory);

    /// <summary>Written last inside the work directory; a unit without it is not complete.</summary>
    public string UnitMarker(string keyHex) => Path.Combine(UnitsDir, keyHex, AtomicDirectory.CompleteMarker);

    /// <summary>Leftover work directories of a unit (crashed runs); only the lock holder may remove them.</summary>
    public IEnumerable<string> StaleUnitWorkDirs(string keyHex) =>
        Directory.Exists(UnitsDir) ? Directory.EnumerateDirectories(UnitsDir, keyHex + AtomicDirectory.WorkInfix + "*") : [];

    /// <summary>One record per app that ran from this cache; its modification time is the app's last use (<see cref="AppUseRecord"/>).</summary>
    public string AppsDir => Path.Combine(SchemaDir, "apps");

    public string AppRecord(string appIdHex) => Path.Combine(AppsDir, appIdHex);

    /// <summary>The app's start record, replayed by the warm-start stub (docs/cache-layout.md, "The start record").</summary>
    public string StartRecord(string appIdHex) => Path.Combine(AppsDir, appIdHex + ".start");

    public string VenvsDir => Path.Combine(SchemaDir, "venvs");

    /// <summary>What builds keep for later builds: &lt;kind&gt;/&lt;key&gt; directories made like units (docs/cache-layout.md, "The build cache").</summary>
    public string BuildDir => Path.Combine(SchemaDir, "build");

    /// <summary>Build interpreter probes kept between builds: one replaceable file each, not entries (removed by purge, like the interpreter records).</summary>
    public string BuildProbesDir => Path.Combine(BuildDir, "probes");

    /// <summary>Where temp-mode runs go when TMPDIR (or /tmp) is mounted noexec (docs/temp-mode.md).</summary>
    public string TempDir => Path.Combine(SchemaDir, "temp");

    /// <summary>The virtual environment of one app with one interpreter.</summary>
    /// <remarks>
    /// <paramref name="generation"/> changes when what Satchel writes into a venv changes (e.g.
    /// the boot script), so a newer launcher never reuses a venv an older one assembled.
    /// </remarks>
    /// <remarks>
    /// Concatenated, not interpolated: this runs on every warm start of a Python app, and the first
    /// interpolated string of a process initialises the shared char array pool (which seeds a
    /// random generator from /dev/urandom).
    /// </remarks>
    public string VenvDir(string appIdHex, string interpreterKey, int generation) =>
        Path.Combine(VenvsDir, string.Concat(appIdHex, "-", interpreterKey, "-g", generation.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Interpreter facts and choices (docs/interpreters.md): small files, each replaced atomically.</summary>
    public string InterpretersDir => Path.Combine(SchemaDir, "interpreters");

    /// <summary>What one interpreter binary said about itself; the key is derived from its real path.</summary>
    public string InterpreterFacts(string keyHex) => Path.Combine(InterpretersDir, keyHex + ".facts");

    /// <summary>The interpreter chosen for one requirement in one environment (PATH, SATCHEL_PYTHON, ...).</summary>
    public string InterpreterChoice(string keyHex) => Path.Combine(InterpretersDir, keyHex + ".choice");
}

/// <summary>
/// A cache that is read-only for this user (root's, prebaked) lacks something this app needs.
/// Failing says what to do; falling back to a temporary extraction would silently cost every
/// start of a container what the image was prebaked to avoid (docs/containers.md).
/// </summary>
public sealed class ReadOnlyCacheException(CacheLayout layout, string missing) : SatchelException(ExitCodes.CantCreate,
    $"the cache {layout.Root} belongs to root and is read-only for you, and it lacks {missing}: warm it as root with `SATCHEL_TOOLS=1 APP warm` (same SATCHEL_ROOT), or run with SATCHEL_EXTRACT=temp")
{
    /// <summary>
    /// What a start in root's cache reports when <paramref name="path"/> is not there for us: "lacks"
    /// unless a directory on the way is one neither its group nor others may enter (a root that
    /// `warm` created 0700, or a warm under umask 077), where warming again would change nothing.
    /// </summary>
    public static SatchelException For(CacheLayout layout, string missing, string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            for (var dir = Path.GetDirectoryName(path); dir is not null && dir.Length >= layout.Root.Length; dir = Path.GetDirectoryName(dir))
            {
                if (Closed(dir) is { } mode)
                {
                    return new SatchelException(ExitCodes.NoPermission,
                        $"the cache {layout.Root} belongs to root, and {dir} (mode {Convert.ToString((int)mode & 0xFFF, 8)}) lets no other user in, so {missing} cannot be reached: as root run `chmod -R go+rX {layout.Root}` (and warm under umask 022), or run with SATCHEL_EXTRACT=temp");
                }
            }
        }

        return new ReadOnlyCacheException(layout, missing);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static UnixFileMode? Closed(string dir)
    {
        try
        {
            var mode = File.GetUnixFileMode(dir);
            return (mode & (UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0 ? mode : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // its parent is the closed one, found next
        }
    }
}
