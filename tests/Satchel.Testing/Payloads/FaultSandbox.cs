using Xunit;

namespace Satchel.Testing.Payloads;

/// <summary>
/// One fault case's world: the app file, the cache root, and a victim directory beside them
/// that hostile payloads aim at. After the case, nothing but the cache may have changed: that is
/// how "nothing written outside the work directory" is checked, together with
/// <see cref="CacheAudit"/> for the inside of the cache.
/// </summary>
public sealed class FaultSandbox
{
    public const string VictimFile = "keep.txt";

    /// <summary>Absolute paths the crafted payloads name; none may ever appear.</summary>
    public static IReadOnlyList<string> EscapeTargets { get; } = ["/tmp/satchel-hostile"];

    public FaultSandbox(string location)
    {
        Location = location;
        Directory.CreateDirectory(location);
        Directory.CreateDirectory(Victim);
        File.WriteAllText(Path.Combine(Victim, VictimFile), "victim\n");
    }

    public string Location { get; }

    public string App => Path.Combine(Location, "app");

    public string CacheRoot => Path.Combine(Location, "cache");

    public string Victim => Path.Combine(Location, "victim");

    public void WriteApp(byte[] bytes, bool executable = false)
    {
        File.WriteAllBytes(App, bytes);
        if (executable)
        {
            File.SetUnixFileMode(App, (UnixFileMode)0b111_101_101);
        }
    }

    /// <summary>Only the app, the cache and the untouched victim are here, and no escape target exists.</summary>
    public void AssertNothingOutsideCache()
    {
        var names = Directory.EnumerateFileSystemEntries(Location).Select(Path.GetFileName).Order().ToArray();
        Assert.True(names.All(n => n is "app" or "cache" or "victim"), $"unexpected entries beside the cache: {string.Join(", ", names)}");
        Assert.Equal([VictimFile], Directory.EnumerateFileSystemEntries(Victim).Select(Path.GetFileName));
        Assert.Equal("victim\n", File.ReadAllText(Path.Combine(Victim, VictimFile)));
        foreach (var target in EscapeTargets)
        {
            Assert.False(Path.Exists(target), $"{target} was written");
        }
    }

    /// <summary>Removes everything but the victim, for the next case.</summary>
    public void Reset()
    {
        File.Delete(App);
        if (Directory.Exists(CacheRoot))
        {
            Directory.Delete(CacheRoot, recursive: true);
        }
    }
}
