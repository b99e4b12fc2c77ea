using Satchel.Build.Packing;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Interpreters;
using Satchel.Runtime.Platforms;
using RuntimeProbe = Satchel.Runtime.Interpreters.InterpreterProbe;

namespace Satchel.Build.Bundling;

/// <summary>
/// The interpreter `--bundle-python` puts into the app, as the build learned it: the tree, and
/// its facts when it runs on the build machine (asked with the launcher's own probe, so the
/// header holds exactly what a launcher would have learned), else only what its files say.
/// </summary>
public sealed class BundledPython
{
    private readonly List<SourceEntry> _entries;

    private BundledPython(string shownAs, RelocatablePythonTree tree, List<SourceEntry> entries, InterpreterFacts? facts, string? runFailure)
    {
        ShownAs = shownAs;
        Tree = tree;
        _entries = entries;
        Facts = facts;
        RunFailure = runFailure;
    }

    /// <summary>The --bundle-python argument, for messages.</summary>
    public string ShownAs { get; }

    public RelocatablePythonTree Tree { get; }

    /// <summary>Null when the interpreter cannot run here (<see cref="RunFailure"/> says why).</summary>
    public InterpreterFacts? Facts { get; }

    public string? RunFailure { get; }

    /// <summary>Full version: from the run when there was one, else patchlevel.h, else major.minor.</summary>
    public string Version => Facts?.Version.ToString() ?? Tree.PatchLevelVersion ?? Tree.MajorMinor;

    public string MajorMinor => Tree.MajorMinor;

    public string AbiFlags => Facts?.AbiFlags ?? Tree.AbiFlags;

    public string Describe() => $"the bundled Python {Version} ({Tree.BinaryPath})";

    /// <summary>
    /// Opens <paramref name="path"/> (a directory, or a .tar.gz unpacked under
    /// <paramref name="workDirectory"/>), finds the interpreter, refuses it when its ELF header says
    /// it is for another machine than <paramref name="platform"/> (the app's; null checks nothing),
    /// and tries to run it once.
    /// </summary>
    public static BundledPython Prepare(string path, string workDirectory, Log log, TargetPlatform? platform = null)
    {
        string root;
        if (Directory.Exists(path))
        {
            root = Path.GetFullPath(path);
        }
        else if (PythonArchive.IsArchive(path))
        {
            root = Path.Combine(workDirectory, "bundled-python");
            PythonArchive.Extract(path, root);
            log.Line($"bundled Python: {path} unpacked into {root}");
        }
        else
        {
            throw new SatchelException(ExitCodes.NoInput, $"--bundle-python {path}: no such directory or .tar.gz file; pass a relocatable CPython (python-build-standalone install_only) as a directory or .tar.gz");
        }

        var tree = RelocatablePythonTree.Find(root, path);
        // Listed before the interpreter first runs: what is packed is the tree as given, whatever a run may add.
        var entries = SourceTreeScanner.Scan(tree.Root);
        var binary = tree.BinaryPath;
        var stamp = BinaryStamp.OfExecutable(binary);
        if (stamp is null)
        {
            throw new SatchelException(ExitCodes.Data, $"--bundle-python {path}: {tree.Binary} is not an executable file");
        }

        // Read, not run: on a machine with qemu's binfmt handler another machine's Python would run.
        if (platform is not null && ExecutableFormat.ElfMachine(binary) is { } machine && machine != platform.ElfMachine)
        {
            throw new SatchelException(ExitCodes.Usage,
                $"--bundle-python {path}: {tree.Binary} is built for {ExecutableFormat.Describe(binary)}, but the app is for {platform}; pass the {platform.Machine} build of that Python (python-build-standalone's {platform.Machine}-unknown-linux-gnu install_only), or --platform {TargetPlatform.OfElfMachine(machine)?.Name ?? "for its machine"}");
        }

        var probed = RuntimeProbe.Run(binary, stamp.Value);
        if (probed.Facts is { } facts)
        {
            if (!facts.IsCPython || facts.MajorMinor != tree.MajorMinor)
            {
                throw new SatchelException(ExitCodes.Data,
                    $"--bundle-python {path}: {tree.Binary} says it is {facts.Describe()}, but the tree is laid out for CPython {tree.MajorMinor}; pass a CPython install_only build");
            }

            log.Line($"bundled Python: {binary} is {facts.Describe()}");
        }
        else
        {
            log.Line($"bundled Python: {binary} does not run here: {probed.Failure}");
        }

        return new BundledPython(path, tree, entries, probed.Facts, probed.Failure);
    }

    /// <summary>The run-time requirement: the app's clauses, CPython with this ABI, and this machine when known.</summary>
    public InterpreterRequirement Requirement(string clauses)
    {
        var requirement = InterpreterRequirement.Parse(clauses)
            .Intersect(InterpreterRequirement.ForAbiTag($"cp{MajorMinor.Replace(".", string.Empty, StringComparison.Ordinal)}{AbiFlags}"));
        if (Facts is { } facts)
        {
            requirement = requirement.Intersect(new InterpreterRequirement(SpecifierSet.Any, Machine: facts.Machine));
            if (requirement.Rejection(facts, allowPrereleases: true) is { } rejection)
            {
                throw new SatchelException(ExitCodes.Data,
                    $"{Describe()} cannot run this app, which needs {clauses}: {rejection}; bundle a Python that matches, or change --interpreter-constraint");
            }
        }
        else if (PythonVersion.TryParse(Version, out var version, out _) && InterpreterRequirement.Parse(clauses).Versions.FirstFailing(version) is { } clause)
        {
            throw new SatchelException(ExitCodes.Data,
                $"{Describe()} cannot run this app, which needs {clauses}: {Version} does not satisfy {clause}; bundle a Python that matches, or change --interpreter-constraint");
        }

        return requirement;
    }

    /// <summary>The unit that carries the interpreter tree, symlinks kept.</summary>
    public UnitSource Unit() => new(UnitKind.Interpreter, $"python {Version}", _entries);

    /// <summary>The header's record of it (tag 7), for the unit at <paramref name="unitIndex"/>.</summary>
    public BundledInterpreter HeaderRecord(int unitIndex) =>
        new(unitIndex, Tree.Binary, Version, AbiFlags, Facts?.Machine ?? string.Empty);
}
