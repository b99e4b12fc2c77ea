using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;

namespace Satchel.Build.Packing;

/// <summary>
/// What a unit's build cache keys are made from: its <see cref="UnitSource.ContentKey"/> when its
/// tree lives in the build cache, else its unit key (docs/format.md) computed by reading and
/// hashing every file, as the payload's index will have it. Computed once per unit per build.
/// </summary>
public sealed class UnitIdentity
{
    private readonly ConditionalWeakTable<UnitSource, string> _known = [];

    public string Of(UnitSource unit) => unit.ContentKey ?? _known.GetValue(unit, u => "unit:" + Convert.ToHexStringLower(UnitKey.Compute(Entries(u))));

    /// <summary>
    /// The key the unit's files have now, read again: a file edited while the build ran changes it,
    /// and what was made from the earlier read must then not be stored under the earlier key.
    /// </summary>
    public static string Current(UnitSource unit) => unit.ContentKey ?? "unit:" + Convert.ToHexStringLower(UnitKey.Compute(Entries(unit)));

    /// <summary>The index entries of a unit's sources, each file hashed.</summary>
    public static List<IndexEntry> Entries(UnitSource unit) => [.. unit.Entries.Select(e => e.Kind switch
    {
        EntryKind.File => HashFile(e),
        EntryKind.Symlink => IndexEntry.Symlink(e.Path, e.LinkTarget!),
        _ => IndexEntry.Directory(e.Path),
    })];

    private static IndexEntry HashFile(SourceEntry entry)
    {
        try
        {
            using var stream = new FileStream(entry.DiskPath!, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            var sha = SHA256.HashData(stream);
            return IndexEntry.File(entry.Path, stream.Length, sha, entry.Executable);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SatchelException(ExitCodes.NoInput, $"cannot read {entry.DiskPath}: {IoErrors.Describe(e)}");
        }
    }
}
