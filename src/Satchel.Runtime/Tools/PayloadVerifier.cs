using Satchel.Runtime.Errors;
using Satchel.Runtime.Extraction;
using Satchel.Runtime.Format;
using Satchel.Runtime.Hashing;

namespace Satchel.Runtime.Tools;

/// <summary>
/// Checks an app file's whole integrity chain (docs/format.md): trailer magic, version, CRC and
/// bounds; header CRC and app id; index hash and validation; each unit's key; each block's
/// SHA-256 and decompressed size; each file's SHA-256. A damaged trailer, header or index stops
/// the check (nothing after it can be trusted); a damaged unit is reported and the next one checked.
/// </summary>
public static class PayloadVerifier
{
    public static VerificationResult Verify(string path)
    {
        var problems = new List<string>();
        long blocks = 0, files = 0, bytes = 0;
        AppFile app;
        try
        {
            app = AppFile.Open(path);
        }
        catch (CorruptPayloadException e)
        {
            return new VerificationResult(path, [e.What], 0, 0, 0);
        }

        using (app)
        {
            PayloadIndex index;
            try
            {
                index = app.ReadIndex();
                CheckLauncher(app, problems);
            }
            catch (CorruptPayloadException e)
            {
                return new VerificationResult(path, [e.What], 0, 0, 0);
            }

            for (var i = 0; i < index.Units.Count; i++)
            {
                var unit = app.Header.Units[i];
                var unitIndex = index.Units[i];
                try
                {
                    if (!UnitKey.Compute(unitIndex.Entries).AsSpan().SequenceEqual(unit.Key))
                    {
                        throw new CorruptPayloadException(path, "its entries do not match its key");
                    }

                    files += CheckFiles(app, unitIndex);
                    blocks += unitIndex.Blocks.Count;
                    bytes += unitIndex.StreamLength;
                }
                catch (CorruptPayloadException e)
                {
                    problems.Add($"unit '{unit.Name}' ({unit.KeyHex[..12]}): {e.What}");
                }
            }
        }

        return new VerificationResult(path, problems, blocks, files, bytes);
    }

    /// <summary>Header field 10 (LauncherDigest), when the file has it: the bytes before the payload as built.</summary>
    private static void CheckLauncher(AppFile app, List<string> problems)
    {
        byte[]? recorded;
        try
        {
            recorded = LauncherDigest.FromHeader(app.HeaderBytes);
        }
        catch (FormatViolationException e)
        {
            throw new CorruptPayloadException(app.Path, e.Message);
        }

        if (recorded is not null && !LauncherDigest.Compute(app).AsSpan().SequenceEqual(recorded))
        {
            problems.Add($"the launcher (the first {app.PayloadStart} bytes) does not match its SHA-256 in the header: it was changed after the build");
        }
    }

    /// <summary>Hashes every file of the unit's stream, as extraction would, without writing anything.</summary>
    private static long CheckFiles(AppFile app, UnitIndex unit)
    {
        using var pipeline = new BlockPipeline(app, unit.Blocks);
        using var hash = Sha256Hash.Create();
        DecodedBlock? block = null;
        var blockPos = 0;
        long files = 0;
        try
        {
            foreach (var entry in unit.Entries)
            {
                if (entry.Kind != EntryKind.File)
                {
                    continue;
                }

                for (long done = 0; done < entry.Size;)
                {
                    if (block is null || blockPos == block.Data.Length)
                    {
                        block?.Dispose();
                        block = pipeline.Next() ?? throw new CorruptPayloadException(app.Path, "the data blocks end before the files do");
                        blockPos = 0;
                    }

                    var chunk = block.Data.Slice(blockPos, (int)Math.Min(block.Data.Length - blockPos, entry.Size - done));
                    hash.AppendData(chunk);
                    done += chunk.Length;
                    blockPos += chunk.Length;
                }

                if (!hash.GetHashAndReset().AsSpan().SequenceEqual(entry.Sha256))
                {
                    throw new CorruptPayloadException(app.Path, $"file '{EntryPathRules.Printable(entry.Path)}' does not match its SHA-256 in the index");
                }

                files++;
            }
        }
        finally
        {
            block?.Dispose();
        }

        return files;
    }
}

/// <summary>The outcome of <see cref="PayloadVerifier.Verify"/>: no problems means every check passed.</summary>
public sealed class VerificationResult(string path, IReadOnlyList<string> problems, long blocks, long files, long bytes)
{
    public string Path { get; } = path;

    public IReadOnlyList<string> Problems { get; } = problems;

    public long Blocks { get; } = blocks;

    public long Files { get; } = files;

    public long Bytes { get; } = bytes;

    public bool Ok => Problems.Count == 0;

    /// <summary>The one line printed on success, or the exception that reports every problem (exit 65).</summary>
    public string Summary => $"{Path}: ok ({Files} files, {Blocks} blocks, {Diagnostics.ByteCount.Human(Bytes)} checked)";

    public SatchelException Failure() => new(ExitCodes.Data,
        $"{Path}: {Problems.Count} problem{(Problems.Count == 1 ? string.Empty : "s")}: {string.Join("; ", Problems)}; the file is damaged: rebuild or download it again");
}
