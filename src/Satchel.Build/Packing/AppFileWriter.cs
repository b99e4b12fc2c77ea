using System.Security.Cryptography;
using Satchel.Build.Output;

namespace Satchel.Build.Packing;

/// <summary>
/// Writes an app file: the launcher's bytes, then the payload (whose header records the
/// launcher's SHA-256), into a temporary file in the staging directory, renamed into place only
/// when complete.
/// </summary>
public static class AppFileWriter
{
    public static (string Output, PackedPayload Payload) Write(
        string outputPath,
        string stagingDirectory,
        LauncherImage launcher,
        IReadOnlyList<UnitSource> units,
        PayloadSpec spec,
        CompressionSettings compression,
        IProgress<long>? progress = null,
        ICompressedUnitStore? cache = null)
    {
        using var output = AtomicOutputFile.Create(outputPath, stagingDirectory);
        var launcherBytes = launcher.Bytes;
        output.Stream.Write(launcherBytes);

        // The header records what was written, so `verify` can tell a launcher changed later.
        var payload = new PayloadWriter(compression, cache).Write(output.Stream, units, spec with { LauncherSha256 = SHA256.HashData(launcherBytes) }, progress);
        output.Commit(executable: true);
        return (output.FinalPath, payload);
    }
}
