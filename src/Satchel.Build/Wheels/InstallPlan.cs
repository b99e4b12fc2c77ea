namespace Satchel.Build.Wheels;

/// <summary>
/// Checks a wheel's RECORD against its members before anything is written, and decides where each
/// member lands. RECORD is held to PEP 427 strictly: every member but RECORD and its signatures
/// has exactly one line with a hash and a size, every line names a member, and the size matches
/// what the archive declares (the hash is checked while extracting). Destinations must not collide,
/// even under case folding, and no file may sit where another needs a directory.
/// </summary>
public static class InstallPlan
{
    public const string RecordName = "RECORD";
    public const string InstallerName = "INSTALLER";

    /// <summary>RECORD signatures (PEP 427): not hashed, and dropped because the new RECORD would not match them.</summary>
    private static readonly string[] Signatures = ["RECORD.jws", "RECORD.p7s"];

    public static List<PlannedFile> Create(WheelArchive wheel, IReadOnlyList<RecordEntry> record, WheelLimits limits)
    {
        var byPath = IndexRecord(wheel, record);
        var recordPath = wheel.DistInfoPath(RecordName);
        var unhashed = Signatures.Append(RecordName).Select(wheel.DistInfoPath).ToHashSet(StringComparer.Ordinal);
        var installerPath = wheel.DistInfoPath(InstallerName);
        var planned = new List<PlannedFile>(wheel.Files.Count);
        long total = 0;
        foreach (var member in wheel.Files)
        {
            if (unhashed.Contains(member.Path))
            {
                continue;
            }

            var line = byPath.GetValueOrDefault(member.Path)
                ?? throw new InvalidWheelException(wheel.WheelPath, "the member has no line in RECORD", member.Path);
            if (line.Hash is null || line.Size is null)
            {
                throw new InvalidWheelException(wheel.WheelPath, "the member's RECORD line has no hash or no size", member.Path);
            }

            if (line.Size != member.DeclaredSize)
            {
                throw new InvalidWheelException(wheel.WheelPath, $"RECORD says {line.Size} bytes but the archive declares {member.DeclaredSize}", member.Path);
            }

            if (member.DeclaredSize > limits.MaxFileBytes)
            {
                throw new InvalidWheelException(wheel.WheelPath, $"the member unpacks to {member.DeclaredSize} bytes, more than the {limits.MaxFileBytes} allowed for one file", member.Path);
            }

            total += member.DeclaredSize;
            if (total > limits.MaxTotalBytes)
            {
                throw new InvalidWheelException(wheel.WheelPath, $"the members unpack to more than the {limits.MaxTotalBytes} bytes allowed in total", member.Path);
            }

            // A wheel should not carry INSTALLER; if it does, it is checked like any member and then replaced by ours.
            if (member.Path == installerPath)
            {
                continue;
            }

            var destination = WheelLayout.Destination(member.Path, wheel.DataDirectory, out var problem)
                ?? throw new InvalidWheelException(wheel.WheelPath, problem!, member.Path);
            var executable = member.IsExecutable || destination.StartsWith(WheelLayout.Scripts + "/", StringComparison.Ordinal);
            planned.Add(new PlannedFile(member, line, destination, executable));
        }

        foreach (var line in record)
        {
            if (line.Path != recordPath && wheel.Find(line.Path) is null)
            {
                throw new InvalidWheelException(wheel.WheelPath, "RECORD lists a file the archive does not hold", line.Path);
            }
        }

        CheckCollisions(wheel, planned);
        return planned;
    }

    private static Dictionary<string, RecordEntry> IndexRecord(WheelArchive wheel, IReadOnlyList<RecordEntry> record)
    {
        var byPath = new Dictionary<string, RecordEntry>(record.Count, StringComparer.Ordinal);
        foreach (var line in record)
        {
            if (!byPath.TryAdd(line.Path, line))
            {
                throw new InvalidWheelException(wheel.WheelPath, "RECORD lists the same path twice", line.Path);
            }
        }

        return byPath;
    }

    /// <summary>
    /// Two members may map to one destination (a root file and the same file under .data/purelib),
    /// names may differ only in case (one file on macOS and Windows), and a file may sit where
    /// another member needs a directory. Each is refused; INSTALLER and RECORD, written by the
    /// installer, take part as if they were members.
    /// </summary>
    private static void CheckCollisions(WheelArchive wheel, List<PlannedFile> planned)
    {
        var generated = new[] { RecordName, InstallerName }
            .Select(n => (Destination: WheelLayout.SitePackages + "/" + wheel.DistInfoPath(n), Member: wheel.DistInfoPath(n)));
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (destination, member) in planned.Select(p => (p.Destination, p.Member.Path)).Concat(generated))
        {
            if (!files.TryAdd(destination.ToUpperInvariant(), member))
            {
                throw new InvalidWheelException(wheel.WheelPath,
                    $"the member would be installed over '{files[destination.ToUpperInvariant()]}' (same path, or the same up to letter case)", member);
            }
        }

        foreach (var (destination, member) in files.Select(kv => (kv.Key, kv.Value)))
        {
            for (var slash = destination.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = destination.IndexOf('/', slash + 1))
            {
                if (files.TryGetValue(destination[..slash], out var blocking))
                {
                    throw new InvalidWheelException(wheel.WheelPath, $"the member needs a directory where '{blocking}' is a file", member);
                }
            }
        }
    }
}

/// <summary>One member to extract: where it goes in the tree, what RECORD promises about it, and its mode.</summary>
public sealed record PlannedFile(WheelMember Member, RecordEntry Record, string Destination, bool Executable);
