namespace Satchel.Testing.Chroot;

/// <summary>
/// The Debian 11 (bullseye: glibc 2.31, Python 3.9) root that tests chroot into to run apps on an
/// older Linux than the one they were built on. Made once by the repository's
/// <c>scripts/debian-test-root</c> (debootstrap, ~2 minutes) and kept under /var/cache/satchel-tests
/// between runs; <c>./test</c> makes it up front (scripts/install-test-prerequisites), and
/// <see cref="Ensure"/> makes it when it is missing, under the script's lock, so concurrent test
/// processes wait for one debootstrap. It is never written to: each test works in a
/// <see cref="DebianChroot"/>, an overlay of its own.
/// </summary>
public static class DebianTestRoot
{
    private static readonly Lazy<string> Made = new(Make, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The repository's script that makes the root (found above the test output directory).</summary>
    public static string Script => FindScript("debian-test-root");

    /// <summary>
    /// Null when the Debian root tests can run here: as root on Linux x64, with the root already
    /// made or the means to make it (debootstrap and a Debian registry in the apt sources). Cheap:
    /// it does not run debootstrap.
    /// </summary>
    public static string? SkipReason { get; } = FindSkipReason();

    /// <summary>The root's path, made first if it is missing (throws with the script's one-line error if that fails).</summary>
    public static string Ensure() => Made.Value;

    private static string Make()
    {
        var result = ProcessRunner.Run(Script, [], timeout: TimeSpan.FromMinutes(30));
        var path = result.StdOut.Trim();
        if (result.ExitCode != 0 || !Directory.Exists(path))
        {
            throw new InvalidOperationException($"{Script} could not make the Debian 11 test root: {result}");
        }
        return path;
    }

    private static string? FindSkipReason()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            return "the Debian 11 root is an x86_64 Linux root";
        }
        if (RootPrivileges.SkipReason is { } notRoot)
        {
            return $"chroot and mounts {notRoot}";
        }
        if (ProcessRunner.Run(Script, ["--check"]).ExitCode == 0)
        {
            return null;
        }
        if (!File.Exists("/usr/sbin/debootstrap"))
        {
            return "no Debian 11 root and no debootstrap to make one: run scripts/install-test-prerequisites (as ./test does)";
        }
        var registry = ProcessRunner.Run(FindScript("debian-registry-uri"), []);
        return registry.ExitCode == 0
            ? null
            : "no Debian 11 root, and the apt sources name no Debian registry to make one from (scripts/debian-test-root)";
    }

    private static string FindScript(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"scripts/{name} not found above {AppContext.BaseDirectory}: run the tests from the repository");
    }
}
