using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;

namespace Satchel.Runtime.Tools;

/// <summary>
/// What `satchel inspect` and `./app info` show of an app file: the trailer's and header's
/// fields and, per unit, sizes from the index. Reading it verifies the header against the app id
/// and the index against its hash (not the data blocks: that is `verify`).
/// </summary>
/// <remarks>A class, not a record: the launcher carries it, and a record's generated members cost bytes in every app.</remarks>
public sealed class AppReport(
    string path,
    long fileBytes,
    long launcherBytes,
    int formatVersion,
    string appId,
    int headerBytes,
    long indexBytes,
    PayloadHeader header,
    IReadOnlyList<UnitReport> units,
    BuildProvenance? provenance = null,
    byte[]? launcherSha256 = null,
    string platform = "unknown")
{
    public string Path { get; } = path;

    public long FileBytes { get; } = fileBytes;

    public long LauncherBytes { get; } = launcherBytes;

    public int FormatVersion { get; } = formatVersion;

    public string AppId { get; } = appId;

    public int HeaderBytes { get; } = headerBytes;

    public long IndexBytes { get; } = indexBytes;

    public PayloadHeader Header { get; } = header;

    public IReadOnlyList<UnitReport> Units { get; } = units;

    /// <summary>Header field 8 (docs/reproducible.md): how the app was built; null for files written before it existed.</summary>
    public BuildProvenance? Provenance { get; } = provenance;

    /// <summary>Header field 10 as lower-case hex: the launcher's SHA-256 when the app was built (what `verify` compares); null for files written before it existed.</summary>
    public string? LauncherSha256Hex { get; } = launcherSha256 is null ? null : Convert.ToHexStringLower(launcherSha256);

    /// <summary>
    /// The platform the app runs on, as its launcher's executable header says ("linux-x86_64",
    /// "linux-aarch64", "windows"): the launcher is the machine code every start runs, and
    /// `--platform` chose it with the wheels (docs/launcher.md#two-launchers).
    /// </summary>
    public string Platform { get; } = platform;

    public static AppReport Read(AppFile app)
    {
        var index = app.ReadIndex();
        var units = new UnitReport[app.Header.Units.Count];
        for (var i = 0; i < units.Length; i++)
        {
            units[i] = UnitReport.Of(app.Header.Units[i], index.Units[i]);
        }

        var start = new byte[Platforms.ExecutableFormat.HeaderBytes];
        var read = app.PayloadStart >= start.Length ? RandomAccess.Read(app.Handle, start, 0) : 0;
        var platform = Platforms.ExecutableFormat.Describe(start.AsSpan(0, read));
        try
        {
            return new AppReport(System.IO.Path.GetFullPath(app.Path), app.Length, app.PayloadStart, Trailer.CurrentVersion, app.Trailer.AppIdHex,
                app.Trailer.HeaderLength, app.Trailer.IndexLength, app.Header, units, BuildProvenance.FromHeader(app.HeaderBytes), LauncherDigest.FromHeader(app.HeaderBytes), platform);
        }
        catch (FormatViolationException e)
        {
            throw new CorruptPayloadException(app.Path, e.Message);
        }
    }

    public long InstalledBytes
    {
        get
        {
            long total = 0;
            foreach (var unit in Units)
            {
                total += unit.Unit.InstalledSize;
            }

            return total;
        }
    }

    public long CompressedBytes
    {
        get
        {
            long total = 0;
            foreach (var unit in Units)
            {
                total += unit.CompressedBytes;
            }

            return total;
        }
    }

    /// <summary>The entry in one line: "exec bin/run.sh (unit app)", "python module webapp", ...</summary>
    public string EntryText
    {
        get
        {
            var launch = Header.Launch;
            if (launch.Python is { } python)
            {
                return $"python {EntryKindName(python.EntryKind)} {python.Entry}";
            }

            return $"exec {launch.EntryPath} (unit {Header.Units[launch.EntryUnit].Name})";
        }
    }

    /// <summary>
    /// The interpreter in one line, null for an app that is not Python: the bundled one with its
    /// version and installed size ("bundled CPython 3.11.2, bin/python3.11, 21.4 MiB"), else the
    /// requirement the launcher matches ("any Python" when it is empty).
    /// </summary>
    public string? InterpreterText
    {
        get
        {
            if (Header.Launch.Python is not { } python)
            {
                return null;
            }

            if (python.Bundled is { } bundled)
            {
                return $"bundled CPython {bundled.Version}, {bundled.Binary}, {ByteCount.Human(Header.Units[bundled.Unit].InstalledSize)}";
            }

            if (python.Alternatives.Count > 0)
            {
                return string.Join(" or ", python.Requirements());
            }

            return python.Requirement.Length == 0 ? "any Python" : python.Requirement;
        }
    }

    /// <summary>
    /// Per interpreter set of an app built for several Pythons (header tag 12; one item for any
    /// other Python app, none for an exec app): its requirement and the distributions its sys.path
    /// holds, in order ("multiext 1.0"), so resolutions that differ between interpreters show.
    /// </summary>
    public IReadOnlyList<PythonSetReport> PythonSets
    {
        get
        {
            if (Header.Launch.Python is not { } python)
            {
                return [];
            }

            var sets = new List<PythonSetReport> { Set(python.Requirement, python.Paths) };
            foreach (var alternative in python.Alternatives)
            {
                sets.Add(Set(alternative.Requirement, alternative.Paths));
            }

            return sets;
        }
    }

    private PythonSetReport Set(string requirement, IReadOnlyList<UnitPath> paths)
    {
        var distributions = new List<string>();
        foreach (var path in paths)
        {
            if (Units[path.Unit].Distribution is { } distribution)
            {
                distributions.Add($"{distribution.Name} {distribution.Version}");
            }
        }

        return new PythonSetReport(requirement, paths, distributions);
    }

    public static string EntryKindName(PythonEntryKind kind) => kind switch
    {
        PythonEntryKind.Module => "module",
        PythonEntryKind.Callable => "callable",
        PythonEntryKind.VenvScript => "venv-script",
        PythonEntryKind.VenvExecutable => "venv-executable",
        _ => "script",
    };
}
