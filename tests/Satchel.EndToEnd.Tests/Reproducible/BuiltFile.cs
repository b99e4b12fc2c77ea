using System.Security.Cryptography;
using Satchel.Runtime.Format;

namespace Satchel.EndToEnd.Tests.Reproducible;

/// <summary>What the reproducibility tests compare of a built file: its SHA-256, its header, units and provenance.</summary>
internal sealed record BuiltFile(string Sha256, PayloadHeader Header, Trailer Trailer, long HeaderStart, BuildProvenance? Provenance)
{
    public static BuiltFile Read(string path)
    {
        using var app = AppFile.Open(path);
        using var stream = File.OpenRead(path);
        return new BuiltFile(
            Convert.ToHexStringLower(SHA256.HashData(stream)),
            app.Header,
            app.Trailer,
            app.PayloadStart + app.Trailer.HeaderOffset,
            BuildProvenance.Read(app));
    }

    /// <summary>"name version" and unit key of every unit: equal lists mean equal installed trees.</summary>
    public IReadOnlyList<string> Units => [.. Header.Units.Select(u => $"{u.Name} {Convert.ToHexStringLower(u.Key)}")];
}
