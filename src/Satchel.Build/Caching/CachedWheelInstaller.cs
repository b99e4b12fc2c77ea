using System.Security.Cryptography;
using System.Text.Json;
using Satchel.Build.Reproducibility;
using Satchel.Build.Wheels;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Caching;

/// <summary>
/// Installs a wheel through the build cache: the tree <see cref="WheelInstaller"/> makes depends
/// only on the wheel's bytes, its file name (the tags) and the installer, i.e. this satchel's
/// version; so an entry keyed by those is reused as it is, and a wheel installs once per satchel.
/// Without a cache it installs into the staging directory as before.
/// </summary>
public sealed class CachedWheelInstaller(BuildCache? cache, string stagingRoot)
{
    public const string Kind = "wheels";
    private const string TreeDirectory = "tree";
    private const string RecordFile = "wheel.json";

    public InstalledWheel Install(string wheelPath, string normalizedName)
    {
        if (cache is null)
        {
            return WheelInstaller.Install(wheelPath, Path.Combine(stagingRoot, normalizedName));
        }

        var fileName = WheelFileName.Parse(wheelPath);
        var key = BuildCacheKey.Of(Kind, SatchelVersion.Current, fileName.FileName, Sha256Of(wheelPath));
        var entry = cache.Find(Kind, key) ?? cache.Store(Kind, key, $"installed wheel {fileName.FileName}", work =>
        {
            var installed = WheelInstaller.Install(wheelPath, Path.Combine(work, TreeDirectory));
            CachedTreeListing.Write(Path.Combine(work, TreeDirectory));
            File.WriteAllText(Path.Combine(work, RecordFile), JsonSerializer.Serialize(installed, BuildCacheJson.Default.InstalledWheel));
        });
        return Read(Path.Combine(entry, RecordFile)) with { TreePath = Path.Combine(entry, TreeDirectory), FileName = fileName, ContentKey = key };
    }

    private static InstalledWheel Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), BuildCacheJson.Default.InstalledWheel)
                ?? throw new JsonException("null");
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new SatchelException(ExitCodes.Data,
                $"the build cache entry {Path.GetDirectoryName(path)} is damaged ({e.Message}); remove it (`satchel cache purge`) or build with --no-build-cache");
        }
    }

    internal static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
