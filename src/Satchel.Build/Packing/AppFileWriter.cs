using Satchel.Build.Output;

namespace Satchel.Build.Packing;

/// <summary>
/// Writes an app file: the launcher's bytes, then the payload, into a temporary file in the
/// staging directory, renamed into place only when complete.
/// </summary>
public static class AppFileWriter
{
    public static (string Output, PackedPayload Payload) Write(
        string outputPath,
        string stagingDirectory,
        string launcher,
        IReadOnlyList<UnitSource> units,
        PayloadSpec spec,
        CompressionSettings compression,
        IProgress<long>? progress = null)
    {
        using var output = AtomicOutputFile.Create(outputPath, stagingDirectory);
        using (var launcherBytes = File.OpenRead(launcher))
        {
            launcherBytes.CopyTo(output.Stream);
        }

        var payload = new PayloadWriter(compression).Write(output.Stream, units, spec, progress);
        output.Commit(executable: true);
        return (output.FinalPath, payload);
    }
}
