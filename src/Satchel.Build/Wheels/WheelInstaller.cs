using Satchel.Build.Interruption;
using Satchel.Runtime.Python;
using System.Security.Cryptography;
using System.Text;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Removal;

namespace Satchel.Build.Wheels;

/// <summary>
/// Installs one wheel into its own interpreter-independent tree (docs/wheels.md). Everything is
/// checked before the first byte is written, every file's hash and size is checked while it is
/// written, and the tree is built in a work directory beside the target and renamed into place
/// last: a refused or failed install leaves nothing at the target.
/// </summary>
public static class WheelInstaller
{
    private const UnixFileMode RegularMode = (UnixFileMode)0b110_100_100;
    private const UnixFileMode ExecutableMode = (UnixFileMode)0b111_101_101;

    private static readonly string[] NativeSuffixes = [".so", ".pyd", ".dylib", ".dll"];

    /// <summary>Installs <paramref name="wheelPath"/> into <paramref name="targetDirectory"/>, which must not exist yet.</summary>
    public static InstalledWheel Install(string wheelPath, string targetDirectory, WheelLimits? limits = null)
    {
        limits ??= WheelLimits.Default;
        var target = Path.GetFullPath(targetDirectory);
        if (Directory.Exists(target) || File.Exists(target))
        {
            throw new SatchelException(ExitCodes.CantCreate, $"cannot install {wheelPath} into {target}: it already exists; remove it or choose another directory");
        }

        using var wheel = WheelArchive.Open(wheelPath, limits);
        var info = WheelInfo.Parse(wheelPath, wheel.DistInfoPath("WHEEL"), ReadRequired(wheel, "WHEEL", limits));
        var metadata = DistributionMetadata.Parse(wheelPath, wheel.DistInfoPath("METADATA"), ReadRequired(wheel, "METADATA", limits));
        CheckIdentity(wheel, metadata);
        var recordMember = wheel.DistInfoPath(InstallPlan.RecordName);
        var record = Pep376Record.Parse(ReadRequired(wheel, InstallPlan.RecordName, limits),
            (what, path) => new InvalidWheelException(wheelPath, what, path ?? recordMember));
        var plan = InstallPlan.Create(wheel, record, limits);
        var entryPoints = wheel.Find(wheel.DistInfoPath("entry_points.txt")) is { } ep
            ? ParseScripts(wheelPath, ep.Path, wheel.ReadText(ep, limits))
            : [];

        var work = WorkDirectory(target);
        try
        {
            var written = Extract(wheel, plan, work);
            written.AddRange(WriteInstallerFiles(wheel, work, written));
            var installed = Describe(wheel, work, info, metadata, entryPoints, plan, written) with { TreePath = target };
            // Retried on Windows while a scanner reads the fresh files (see docs/removal.md).
            if (DirectoryMover.Move(work, target) == MoveOutcome.DestinationExists)
            {
                throw new SatchelException(ExitCodes.CantCreate, $"cannot install {wheelPath} into {target}: it appeared while installing; remove it or choose another directory");
            }

            return installed;
        }
        catch (Exception e)
        {
            TryRemove(work);
            throw Translate(e, wheelPath, target);
        }
    }

    private static string ReadRequired(WheelArchive wheel, string file, WheelLimits limits) =>
        wheel.Find(wheel.DistInfoPath(file)) is { } member
            ? wheel.ReadText(member, limits)
            : throw new InvalidWheelException(wheel.WheelPath, $"the .dist-info directory has no {file}", wheel.DistInfoPath(file));

    private static void CheckIdentity(WheelArchive wheel, DistributionMetadata metadata)
    {
        if (ProjectName.Normalize(metadata.Name) != wheel.FileName.NormalizedName)
        {
            throw new InvalidWheelException(wheel.WheelPath, $"METADATA names project '{metadata.Name}', not the '{wheel.FileName.Distribution}' of the file name", wheel.DistInfoPath("METADATA"));
        }

        // File names carry the version with '-' escaped to '_' (PEP 427).
        if (!string.Equals(metadata.Version.Replace('-', '_'), wheel.FileName.Version, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidWheelException(wheel.WheelPath, $"METADATA says version {metadata.Version}, the file name {wheel.FileName.Version}", wheel.DistInfoPath("METADATA"));
        }
    }

    private static string WorkDirectory(string target)
    {
        var parent = Path.GetDirectoryName(target)!;
        var work = Path.Combine(parent, "." + Path.GetFileName(target) + ".part-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(parent);
            Directory.CreateDirectory(work);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SatchelException(ExitCodes.CantCreate, $"cannot create {work}: {IoErrors.Describe(e)}; check that {parent} is writable", e);
        }

        return work;
    }

    /// <summary>Writes every planned file; returns the RECORD lines (sha256) of the files now in the tree.</summary>
    private static List<(string Destination, RecordEntry Line)> Extract(WheelArchive wheel, List<PlannedFile> plan, string work)
    {
        var written = new List<(string, RecordEntry)>(plan.Count + 2);
        foreach (var file in plan)
        {
            BuildInterruption.ThrowIfRequested();
            var path = Path.Combine(work, file.Destination);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var expected = file.Record.Hash!.CreateHasher();
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var read = CopyMember(wheel, file.Member, path, expected, sha256);

            if (read != file.Member.DeclaredSize)
            {
                throw new InvalidWheelException(wheel.WheelPath,
                    $"the member holds {(read > file.Member.DeclaredSize ? "more" : "fewer")} bytes than RECORD and the archive declare ({file.Member.DeclaredSize})", file.Member.Path);
            }

            if (!file.Record.Hash.Matches(expected.GetHashAndReset()))
            {
                throw new InvalidWheelException(wheel.WheelPath, $"the member's {file.Record.Hash.Algorithm} hash does not match RECORD", file.Member.Path);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, file.Executable ? ExecutableMode : RegularMode);
            }

            written.Add((file.Destination, new RecordEntry(file.Destination, new RecordHash(RecordHash.Sha256, RecordHash.Encode(sha256.GetHashAndReset())), read)));
        }

        return written;
    }

    private static long CopyMember(WheelArchive wheel, WheelMember member, string path, IncrementalHash expected, IncrementalHash sha256)
    {
        try
        {
            using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            using var input = member.Entry.Open();
            return BoundedCopy.Copy(input, output, member.DeclaredSize, expected, sha256);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidWheelException(wheel.WheelPath, $"the member's compressed data is corrupt: {e.Message}", member.Path);
        }
    }

    /// <summary>
    /// INSTALLER, and a RECORD of the site-packages part of the tree with paths relative to
    /// site-packages, as pip writes it. Scripts, data and headers are left out: where they end up
    /// is decided by the venv assembly, and a RECORD line pointing elsewhere would be wrong there.
    /// </summary>
    private static IEnumerable<(string, RecordEntry)> WriteInstallerFiles(WheelArchive wheel, string work, List<(string Destination, RecordEntry Line)> written)
    {
        var prefix = WheelLayout.SitePackages + "/";
        var installer = Encoding.UTF8.GetBytes(WheelLayout.InstallerName + "\n");
        var installerPath = wheel.DistInfoPath(InstallPlan.InstallerName);
        var recordPath = wheel.DistInfoPath(InstallPlan.RecordName);
        var installerLine = new RecordEntry(installerPath, new RecordHash(RecordHash.Sha256, RecordHash.Encode(SHA256.HashData(installer))), installer.Length);
        var lines = written
            .Where(w => w.Destination.StartsWith(prefix, StringComparison.Ordinal))
            .Select(w => w.Line with { Path = w.Destination[prefix.Length..] })
            .Append(installerLine)
            .Append(new RecordEntry(recordPath, null, null))
            .OrderBy(l => l.Path, StringComparer.Ordinal)
            .ToList();
        var record = Encoding.UTF8.GetBytes(Pep376Record.Write(lines));
        WriteNew(Path.Combine(work, WheelLayout.SitePackages, installerPath), installer);
        WriteNew(Path.Combine(work, WheelLayout.SitePackages, recordPath), record);
        return
        [
            (prefix + installerPath, installerLine),
            (prefix + recordPath, new RecordEntry(recordPath, null, record.Length)),
        ];
    }

    private static void WriteNew(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            output.Write(bytes);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, RegularMode);
        }
    }

    private static List<EntryPoint> ParseScripts(string wheelPath, string member, string text)
    {
        try
        {
            return EntryPointsFile.ParseScripts(text);
        }
        catch (FormatViolationException e)
        {
            throw new InvalidWheelException(wheelPath, e.Message, member);
        }
    }

    private static InstalledWheel Describe(
        WheelArchive wheel, string tree, WheelInfo info, DistributionMetadata metadata,
        List<EntryPoint> entryPoints, List<PlannedFile> plan, List<(string Destination, RecordEntry Line)> written)
    {
        var scripts = plan
            .Where(p => p.Destination.StartsWith(WheelLayout.Scripts + "/", StringComparison.Ordinal))
            .Select(p => new InstalledScript(p.Destination, StartsWithPythonShebang(Path.Combine(tree, p.Destination))))
            .OrderBy(s => s.Path, StringComparer.Ordinal)
            .ToList();
        var native = wheel.FileName.AbiTags.Any(a => a != "none")
            || written.Any(w => IsNativeLibrary(w.Destination));
        return new InstalledWheel(
            tree, wheel.FileName, metadata.Name, metadata.Version, metadata.RequiresPython, info, wheel.DistInfoDirectory,
            [.. entryPoints.Where(e => e.Group == EntryPoint.ConsoleScripts)],
            [.. entryPoints.Where(e => e.Group == EntryPoint.GuiScripts)],
            scripts, written.Count, written.Sum(w => w.Line.Size ?? 0), native);
    }

    private static bool StartsWithPythonShebang(string path)
    {
        Span<byte> start = stackalloc byte[16];
        using var stream = File.OpenRead(path);
        var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        return PythonShebang.IsPresent(start[..read]);
    }

    /// <summary>Extension modules and shared libraries, including versioned ones such as "libfoo-1a2b.so.1.2" that auditwheel bundles.</summary>
    private static bool IsNativeLibrary(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return NativeSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase)) || name.Contains(".so.", StringComparison.Ordinal);
    }

    // The error that stopped the install is the one to report; the work directory has a unique
    // hidden name beside the target and is never mistaken for an installed tree.
    private static void TryRemove(string work) => TreeRemover.TryRemove(work, out _);

    private static Exception Translate(Exception e, string wheelPath, string target) => e switch
    {
        SatchelException => e,
        IOException io when IoErrors.IsDiskFull(io) => new SatchelException(ExitCodes.CantCreate,
            $"no space left on the device while installing {wheelPath} into {target}; free space there", e),
        IOException or UnauthorizedAccessException => new SatchelException(ExitCodes.CantCreate,
            $"cannot install {wheelPath} into {target}: {IoErrors.Describe(e)}", e),
        InvalidDataException => new InvalidWheelException(wheelPath, $"the archive data is corrupt: {e.Message}"),
        _ => e,
    };
}
