using Satchel.Build.Resolution;

namespace Satchel.Build.Tests.Resolution;

/// <summary>Builds resolvers over a real interpreter, the way the build command does.</summary>
internal static class TestResolvers
{
    public static PipResolver For(string minor = "3.11", HostEnvironment? host = null)
    {
        host ??= HostEnvironment.Current;
        var interpreter = InterpreterProbe.Probe(TestPythons.Binary(minor), host);
        return new PipResolver(PipLocator.Select(interpreter, [], host), host);
    }

    /// <summary>"name version" pairs, sorted, for whole-set assertions.</summary>
    public static string[] Set(ResolveResult result) =>
        result.Distributions.Select(d => $"{d.NormalizedName} {d.Version}").Order(StringComparer.Ordinal).ToArray();

    public static string[] WheelFiles(string directory) =>
        Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
}
