namespace Satchel.Runtime.Format;

/// <summary>
/// The small record the warm path reads: the app's name, how to launch it, and the units it needs.
/// Encoded as tagged fields (tag, length, bytes) so a later format can add fields that older
/// readers skip. See docs/format.md, "Header".
/// </summary>
public sealed record PayloadHeader(
    string Name,
    ExtractMode ExtractMode,
    LaunchSpec Launch,
    IReadOnlyList<UnitDescriptor> Units,
    byte[] IndexSha256,
    int GraceMilliseconds = PayloadHeader.DefaultGraceMilliseconds,
    IReadOnlyList<BytecodeUnit>? Bytecode = null)
{
    /// <summary>The shipped bytecode units (tag 11); empty when the build compiled none.</summary>
    public IReadOnlyList<BytecodeUnit> Bytecode { get; init; } = Bytecode ?? [];

    /// <summary>How long a temp-mode child gets between the first terminating signal and SIGKILL, unless the header says otherwise.</summary>
    public const int DefaultGraceMilliseconds = 5000;

    /// <summary>The longest grace period a header may ask for (one hour): a larger value is a damaged header.</summary>
    public const int MaxGraceMilliseconds = 3_600_000;

    public byte[] Encode()
    {
        var w = new ByteWriter(512);
        Field(w, HeaderTags.Name, f => f.Text(Name));
        Field(w, HeaderTags.ExtractMode, f => f.U8((byte)ExtractMode));
        Field(w, HeaderTags.Launch, f =>
        {
            f.U8((byte)Launch.Kind);
            f.VarUInt((ulong)Launch.EntryUnit);
            f.Text(Launch.EntryPath);
            f.VarUInt((ulong)Launch.InjectArgs.Count);
            foreach (var arg in Launch.InjectArgs)
            {
                f.Text(arg);
            }

            f.VarUInt((ulong)Launch.InjectEnv.Count);
            foreach (var (key, value) in Launch.InjectEnv)
            {
                f.Text(key);
                f.Text(value);
            }
        });
        Field(w, HeaderTags.Units, f =>
        {
            f.VarUInt((ulong)Units.Count);
            foreach (var unit in Units)
            {
                f.Bytes(unit.Key);
                f.U8((byte)unit.Kind);
                f.Text(unit.Name);
                f.VarUInt((ulong)unit.FileCount);
                f.VarUInt((ulong)unit.InstalledSize);
            }
        });
        Field(w, HeaderTags.IndexSha256, f => f.Bytes(IndexSha256));
        if (Launch.Python is { } python)
        {
            Field(w, HeaderTags.Python, f =>
            {
                f.Text(python.Requirement);
                f.U8((byte)python.EntryKind);
                f.Text(python.Entry);
                UnitPath.EncodeList(f, python.Paths);
            });
            if (python.Bundled is { } bundled)
            {
                Field(w, HeaderTags.BundledInterpreter, bundled.Encode);
            }

            if (python.Alternatives.Count > 0)
            {
                Field(w, HeaderTags.PythonAlternatives, f =>
                {
                    f.VarUInt((ulong)python.Alternatives.Count);
                    foreach (var alternative in python.Alternatives)
                    {
                        alternative.Encode(f);
                    }
                });
            }
        }

        if (ExtractMode == ExtractMode.Temp || GraceMilliseconds != DefaultGraceMilliseconds)
        {
            Field(w, HeaderTags.Temp, f => f.VarUInt((ulong)GraceMilliseconds));
        }

        if (Bytecode.Count > 0)
        {
            Field(w, HeaderTags.Bytecode, f =>
            {
                f.VarUInt((ulong)Bytecode.Count);
                foreach (var item in Bytecode)
                {
                    item.Encode(f);
                }
            });
        }

        return w.ToArray();
    }

    public static PayloadHeader Decode(ReadOnlySpan<byte> bytes)
    {
        string? name = null;
        ExtractMode mode = ExtractMode.Cache;
        LaunchSpec? launch = null;
        List<UnitDescriptor>? units = null;
        byte[]? indexSha = null;
        PythonLaunch? python = null;
        var grace = DefaultGraceMilliseconds;
        BundledInterpreter? bundled = null;
        List<BytecodeUnit> bytecode = [];
        List<PythonAlternative> alternatives = [];

        var r = new ByteReader(bytes);
        while (!r.AtEnd)
        {
            var tag = r.VarUInt();
            var f = new ByteReader(r.Bytes(r.Count()));
            switch (tag)
            {
                case HeaderTags.Name:
                    name = f.Text();
                    break;
                case HeaderTags.ExtractMode:
                    mode = (ExtractMode)f.U8();
                    if (mode is not (ExtractMode.Cache or ExtractMode.Temp))
                    {
                        throw new FormatViolationException($"unknown extraction mode {(byte)mode}");
                    }

                    break;
                case HeaderTags.Launch:
                    launch = DecodeLaunch(ref f);
                    break;
                case HeaderTags.Units:
                    units = DecodeUnits(ref f);
                    break;
                case HeaderTags.IndexSha256:
                    indexSha = f.Bytes(32).ToArray();
                    break;
                case HeaderTags.Python:
                    python = DecodePython(ref f);
                    break;
                case HeaderTags.Temp:
                    var milliseconds = f.VarUInt();
                    if (milliseconds > MaxGraceMilliseconds)
                    {
                        throw new FormatViolationException($"a grace period of {milliseconds} ms is more than the limit of {MaxGraceMilliseconds} ms");
                    }

                    grace = (int)milliseconds;
                    break;
                case HeaderTags.BundledInterpreter:
                    bundled = BundledInterpreter.Decode(f.Bytes(f.Remaining));
                    break;
                case HeaderTags.Bytecode:
                    bytecode = BytecodeUnit.DecodeList(f.Bytes(f.Remaining));
                    break;
                case HeaderTags.PythonAlternatives:
                    alternatives = PythonAlternative.DecodeList(f.Bytes(f.Remaining));
                    break;
                default:
                    // A field from a newer writer that this reader does not need.
                    continue;
            }
        }

        if (name is null || launch is null || units is null || indexSha is null)
        {
            throw new FormatViolationException("the header lacks a required field");
        }

        if (units.Count == 0 || launch.EntryUnit >= units.Count)
        {
            throw new FormatViolationException("the header's entry names a unit that does not exist");
        }

        if (launch.Kind == LaunchKind.Python)
        {
            if (python is null)
            {
                throw new FormatViolationException("a Python launch lacks its Python field");
            }

            CheckPaths(python.Paths, units);
            foreach (var alternative in alternatives)
            {
                CheckPaths(alternative.Paths, units);
            }

            if (alternatives.Count > 0 && bundled is not null)
            {
                throw new FormatViolationException("an app that bundles its interpreter names other interpreter sets");
            }

            if (python.EntryKind == PythonEntryKind.Script)
            {
                EntryPathRules.Check(python.Entry);
            }
            else if (python.EntryKind is PythonEntryKind.VenvScript or PythonEntryKind.VenvExecutable)
            {
                VenvScriptName.Check(python.Entry);
            }

            bundled?.Check(units);
            launch = launch with { Python = python with { Bundled = bundled, Alternatives = alternatives } };
        }
        else if (bundled is not null || alternatives.Count > 0)
        {
            throw new FormatViolationException("a bundled interpreter or interpreter sets in the header of an app that is not a Python app");
        }
        else
        {
            EntryPathRules.Check(launch.EntryPath);
        }

        CheckInjected(launch);
        BytecodeUnit.Check(bytecode, units);
        return new PayloadHeader(name, mode, launch, units, indexSha, grace, bytecode);
    }

    /// <summary>
    /// This header as the launcher uses it for interpreter set <paramref name="alternative"/>
    /// (0: the Python launch's own; n: tag 12's item n-1): the Python launch carries that set's
    /// requirement and sys.path and no other sets. The unit list is unchanged, so indexes hold.
    /// </summary>
    public PayloadHeader ForPythonSet(int alternative)
    {
        var python = Launch.Python!;
        if (python.Alternatives.Count == 0)
        {
            return this;
        }

        var chosen = alternative == 0 ? new PythonAlternative(python.Requirement, python.Paths) : python.Alternatives[alternative - 1];
        return this with { Launch = Launch with { Python = python with { Requirement = chosen.Requirement, Paths = chosen.Paths, Alternatives = [] } } };
    }

    /// <summary>
    /// For a header of one interpreter set (<see cref="ForPythonSet"/>), which units it runs with:
    /// the app's own unit, those its sys.path names, and their bytecode (of any tag: the launcher
    /// installs its interpreter's).
    /// </summary>
    public bool[] SetUnits()
    {
        var used = new bool[Units.Count];
        used[Launch.EntryUnit] = true;
        foreach (var path in Launch.Python!.Paths)
        {
            used[path.Unit] = true;
        }

        foreach (var bytecode in Bytecode)
        {
            used[bytecode.Unit] = used[bytecode.Target];
        }

        return used;
    }

    private static void CheckPaths(IReadOnlyList<UnitPath> paths, List<UnitDescriptor> units)
    {
        foreach (var path in paths)
        {
            if (path.Unit >= units.Count)
            {
                throw new FormatViolationException("a sys.path entry names a unit that does not exist");
            }

            if (path.Directory.Length > 0)
            {
                EntryPathRules.Check(path.Directory);
            }
        }
    }

    /// <summary>
    /// Injected arguments and variables reach execv and setenv as C strings: a NUL would silently
    /// cut them short, and setenv refuses an empty name or one with '='.
    /// </summary>
    private static void CheckInjected(LaunchSpec launch)
    {
        foreach (var (key, value) in launch.InjectEnv)
        {
            if (key.Length == 0 || key.Contains('=') || key.Contains('\0') || value.Contains('\0'))
            {
                throw new FormatViolationException($"the header injects an environment variable '{EntryPathRules.Printable(key)}' that cannot be set");
            }
        }

        foreach (var arg in launch.InjectArgs)
        {
            if (arg.Contains('\0'))
            {
                throw new FormatViolationException("the header injects an argument with a NUL byte");
            }
        }
    }

    private static LaunchSpec DecodeLaunch(ref ByteReader f)
    {
        var kind = (LaunchKind)f.U8();
        if (kind is not (LaunchKind.Exec or LaunchKind.Python))
        {
            throw new FormatViolationException($"unknown launch kind {(byte)kind}");
        }

        var unit = (int)Math.Min(f.VarUInt(), int.MaxValue);
        var entry = f.Text();
        var args = new string[f.Count()];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = f.Text();
        }

        var env = new KeyValuePair<string, string>[f.Count()];
        for (var i = 0; i < env.Length; i++)
        {
            env[i] = new(f.Text(), f.Text());
        }

        return new LaunchSpec(kind, unit, entry, args, env);
    }

    private static PythonLaunch DecodePython(ref ByteReader f)
    {
        var requirement = f.Text();
        var kind = (PythonEntryKind)f.U8();
        if (kind is not (PythonEntryKind.Module or PythonEntryKind.Callable or PythonEntryKind.Script or PythonEntryKind.VenvScript or PythonEntryKind.VenvExecutable))
        {
            throw new FormatViolationException($"unknown Python entry kind {(byte)kind}");
        }

        var entry = f.Text();
        return new PythonLaunch(requirement, kind, entry, UnitPath.DecodeList(ref f));
    }

    private static List<UnitDescriptor> DecodeUnits(ref ByteReader f)
    {
        var count = f.Count();
        if (count > FormatLimits.MaxUnits)
        {
            throw new FormatViolationException($"{count} units is more than the limit of {FormatLimits.MaxUnits}");
        }

        var units = new List<UnitDescriptor>(count);
        for (var i = 0; i < count; i++)
        {
            var key = f.Bytes(UnitDescriptor.KeyLength).ToArray();
            var kind = (UnitKind)f.U8();
            var name = f.Text();
            var files = (long)Math.Min(f.VarUInt(), long.MaxValue);
            var size = (long)Math.Min(f.VarUInt(), long.MaxValue);
            units.Add(new UnitDescriptor(key, kind, name, files, size));
        }

        return units;
    }

    private static void Field(ByteWriter w, ulong tag, Action<ByteWriter> body)
    {
        var field = new ByteWriter();
        body(field);
        w.VarUInt(tag);
        w.VarUInt((ulong)field.Length);
        w.Bytes(field.Written);
    }
}

/// <summary>
/// What the header says of a unit: the key that names its cache directory (a SHA-256 of its
/// canonical entry list, see <see cref="UnitKey"/>), and figures for tools.
/// </summary>
public sealed record UnitDescriptor(byte[] Key, UnitKind Kind, string Name, long FileCount, long InstalledSize)
{
    public const int KeyLength = 32;

    /// <summary>The directory name of the unit in the cache: its key in lower-case hex.</summary>
    public string KeyHex => Convert.ToHexStringLower(Key);
}

/// <summary>Where the app's files go at run time. The numbers are part of the format.</summary>
public enum ExtractMode : byte
{
    /// <summary>Into the shared cache, once; later runs reuse it.</summary>
    Cache = 0,

    /// <summary>Into a private temporary directory removed after the run.</summary>
    Temp = 1,
}

/// <summary>
/// What to start: for <see cref="LaunchKind.Exec"/>, the file <see cref="EntryPath"/> inside unit
/// <see cref="EntryUnit"/>; for <see cref="LaunchKind.Python"/>, the entry described by
/// <see cref="Python"/> with <see cref="EntryUnit"/> as the app's own unit. In both cases
/// <see cref="InjectArgs"/> go before the user's arguments and <see cref="InjectEnv"/> is added to
/// the environment.
/// </summary>
public sealed record LaunchSpec(
    LaunchKind Kind,
    int EntryUnit,
    string EntryPath,
    IReadOnlyList<string> InjectArgs,
    IReadOnlyList<KeyValuePair<string, string>> InjectEnv,
    PythonLaunch? Python = null);

/// <summary>How the launcher starts the app. The numbers are part of the format.</summary>
public enum LaunchKind : byte
{
    /// <summary>Execute a file of the app unit directly (`satchel pack`).</summary>
    Exec = 1,

    /// <summary>Run a Python entry in a virtual environment assembled in the cache (`satchel build`).</summary>
    Python = 2,
}

/// <summary>
/// The Python half of a launch: which interpreters may run the app (<see cref="Requirement"/>,
/// a PEP 440 version specifier set, empty for any), what to run, and the directories of which
/// units go on sys.path, in order. <see cref="Bundled"/> is the interpreter shipped in the app,
/// if any: it is used unless SATCHEL_PYTHON names another (docs/bundled-python.md).
/// </summary>
public sealed record PythonLaunch(
    string Requirement,
    PythonEntryKind EntryKind,
    string Entry,
    IReadOnlyList<UnitPath> Paths,
    BundledInterpreter? Bundled = null,
    IReadOnlyList<PythonAlternative>? Alternatives = null)
{
    /// <summary>The sets for other interpreters (tag 12); empty for an app built with one interpreter.</summary>
    public IReadOnlyList<PythonAlternative> Alternatives { get; init; } = Alternatives ?? [];

    /// <summary>Every interpreter set's requirement, this launch's own first (one item without tag 12).</summary>
    public IReadOnlyList<string> Requirements()
    {
        var all = new List<string>(1 + Alternatives.Count) { Requirement };
        foreach (var alternative in Alternatives)
        {
            all.Add(alternative.Requirement);
        }

        return all;
    }
}

/// <summary>A directory inside a unit's files (e.g. a wheel unit's "site-packages").</summary>
public sealed record UnitPath(int Unit, string Directory)
{
    /// <summary>A sys.path list as the header stores it: `varuint count`, then per item a unit index and a directory.</summary>
    public static void EncodeList(ByteWriter w, IReadOnlyList<UnitPath> paths)
    {
        w.VarUInt((ulong)paths.Count);
        foreach (var path in paths)
        {
            w.VarUInt((ulong)path.Unit);
            w.Text(path.Directory);
        }
    }

    public static UnitPath[] DecodeList(ref ByteReader f)
    {
        var paths = new UnitPath[f.Count()];
        for (var i = 0; i < paths.Length; i++)
        {
            paths[i] = new UnitPath((int)Math.Min(f.VarUInt(), int.MaxValue), f.Text());
        }

        return paths;
    }
}

/// <summary>How a Python app's entry is named. The numbers are part of the format.</summary>
public enum PythonEntryKind : byte
{
    /// <summary>`-m MODULE`: run the module as __main__.</summary>
    Module = 1,

    /// <summary>`MODULE:FUNC` (also what a console script resolves to): import and call, exit with its result.</summary>
    Callable = 2,

    /// <summary>`--script FILE`: a file inside the app unit, run as __main__.</summary>
    Script = 3,

    /// <summary>
    /// `-c NAME` of a console or GUI script, or of a wheel data script with a "#!python" line: the
    /// Python script the venv's bin/NAME holds, run as `VENV/bin/python bin/NAME`, as a venv runs it.
    /// The entry is NAME, one path component.
    /// </summary>
    VenvScript = 4,

    /// <summary>
    /// `-c NAME` of a wheel data script with another interpreter line (shell, perl) or none: the
    /// venv's bin/NAME executed as it is, with the venv's bin/ first on PATH. The entry is NAME.
    /// </summary>
    VenvExecutable = 5,
}
