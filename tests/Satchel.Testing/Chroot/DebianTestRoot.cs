namespace Satchel.Testing.Chroot;

/// <summary>
/// A Debian root that tests chroot into, made once by the repository's <c>scripts/debian-test-root</c>
/// (debootstrap) and kept under /var/cache/satchel-tests between runs; <c>./test</c> makes them up
/// front (scripts/install-test-prerequisites), and <see cref="Ensure"/> makes one when it is missing,
/// under the script's lock, so concurrent test processes wait for one debootstrap. A root is never
/// written to: each test works in a <see cref="DebianChroot"/>, an overlay of its own.
/// <list type="bullet">
/// <item><see cref="Debian11"/>: bullseye amd64 (glibc 2.31, Python 3.9), to run apps on an older
/// Linux than the one they were built on (~2 minutes to make).</item>
/// <item><see cref="Arm64"/>: bookworm arm64 (Python 3.11), its programs run by qemu-user-static
/// through binfmt_misc (scripts/qemu-binfmt), to run apps built with --platform linux-aarch64
/// (15-17 minutes to make: debootstrap's second stage is emulated).</item>
/// </list>
/// </summary>
public sealed class DebianTestRoot
{
    private readonly string[] _arguments;
    private readonly Lazy<string?> _skipReason;
    private readonly Lazy<string> _made;

    private DebianTestRoot(string description, string[] arguments, bool emulated)
    {
        Description = description;
        _arguments = arguments;
        _skipReason = new(() => FindSkipReason(emulated), LazyThreadSafetyMode.ExecutionAndPublication);
        _made = new(Make, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public static DebianTestRoot Debian11 { get; } = new("the Debian 11 root", [], emulated: false);

    public static DebianTestRoot Arm64 { get; } = new("the arm64 Debian 12 root", ["--arch", "arm64"], emulated: true);

    /// <summary>The root for a Debian architecture name: "amd64" (<see cref="Debian11"/>) or "arm64".</summary>
    public static DebianTestRoot ForArch(string arch) => arch switch
    {
        "amd64" => Debian11,
        "arm64" => Arm64,
        _ => throw new ArgumentException($"no Debian test root for {arch} (amd64, arm64)", nameof(arch)),
    };

    /// <summary>The repository's script that makes the roots (found above the test output directory).</summary>
    public static string Script => FindScript("debian-test-root");

    public string Description { get; }

    /// <summary>
    /// Null when tests can run in this root here: as root on Linux x64, with the root already made
    /// or the means to make it (debootstrap and a Debian registry in the apt sources), and for the
    /// arm64 root a working qemu binfmt handler. Cheap: it does not run debootstrap.
    /// </summary>
    public string? SkipReason => _skipReason.Value;

    /// <summary>The root's path, made first if it is missing (throws with the script's one-line error if that fails).</summary>
    public string Ensure() => _made.Value;

    private string Make()
    {
        var result = ProcessRunner.Run(Script, _arguments, timeout: TimeSpan.FromMinutes(40));
        var path = result.StdOut.Trim();
        if (result.ExitCode != 0 || !Directory.Exists(path))
        {
            throw new InvalidOperationException($"{Script} could not make {Description}: {result}");
        }
        return path;
    }

    private string? FindSkipReason(bool emulated)
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            return $"{Description} is made and entered on x86_64 Linux";
        }
        if (RootPrivileges.SkipReason is { } notRoot)
        {
            return $"chroot and mounts {notRoot}";
        }
        if (emulated)
        {
            // Registers the handler when it is missing (after a restart): what running arm64 programs needs.
            var binfmt = ProcessRunner.Run(FindScript("qemu-binfmt"), []);
            if (binfmt.ExitCode != 0)
            {
                return $"aarch64 programs cannot run here: {binfmt.StdErr.Trim()}";
            }
        }
        if (ProcessRunner.Run(Script, [.. _arguments, "--check"]).ExitCode == 0)
        {
            return null;
        }
        if (!File.Exists("/usr/sbin/debootstrap"))
        {
            return $"no {Description} and no debootstrap to make it: run scripts/install-test-prerequisites (as ./test does)";
        }
        var registry = ProcessRunner.Run(FindScript("debian-registry-uri"), []);
        return registry.ExitCode == 0
            ? null
            : $"no {Description}, and the apt sources name no Debian registry to make it from (scripts/debian-test-root)";
    }

    private static string FindScript(string name) => RepositoryScripts.Find(name);
}
