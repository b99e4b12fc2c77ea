namespace Satchel.Testing.Chroot;

/// <summary>
/// A private, writable Debian system for one test (or one test class): a cached
/// <see cref="DebianTestRoot"/> (Debian 11 unless another is given) as the read-only lower layer of an overlay whose upper layer lives
/// in a temporary directory. Files put in with <see cref="Install"/> and everything the commands
/// write (a cache under /root, temp directories) land in that upper layer, so runs see each
/// other's effects and tests never see another's.
/// <para>
/// Each <see cref="Run"/> is one <c>unshare --mount</c> process: it mounts the overlay, /proc and
/// /dev inside a mount namespace of its own and chroots there. The mounts exist only in that
/// namespace, so they are gone when the command ends, however it ends (a killed test included),
/// and never show on the host or to a parallel test.
/// </para>
/// </summary>
public sealed class DebianChroot : IDisposable
{
    /// <summary>PATH inside the root: Debian's default for root, where its python3 and python3.9 are.</summary>
    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private const string MountAndChroot = """
        set -e
        merged=$1 lower=$2 upper=$3 work=$4
        shift 4
        mount -t overlay overlay -o "lowerdir=$lower,upperdir=$upper,workdir=$work" "$merged"
        mount -t proc proc "$merged/proc"
        mount --rbind /dev "$merged/dev"
        exec chroot "$merged" "$@"
        """;

    private readonly TempDirectory _dir = new("satchel-chroot");

    public DebianChroot(DebianTestRoot? root = null)
    {
        Lower = (root ?? DebianTestRoot.Debian11).Ensure();
        Directory.CreateDirectory(Upper);
        Directory.CreateDirectory(_dir.Combine("work"));
        Directory.CreateDirectory(_dir.Combine("merged"));
    }

    /// <summary>The cached root (never written).</summary>
    public string Lower { get; }

    private string Upper => _dir.Combine("upper");

    /// <summary>Copies a host file to <paramref name="pathInside"/> (absolute, inside the root), keeping its mode; returns that path.</summary>
    public string Install(string hostFile, string pathInside)
    {
        var target = UpperPathOf(pathInside);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(hostFile, target, overwrite: true);
        return pathInside;
    }

    /// <summary>
    /// Runs <paramref name="argv"/> inside the root as root, with only HOME=/root, PATH
    /// (<see cref="DefaultPath"/> unless given) and LANG=C.UTF-8 plus <paramref name="environment"/>
    /// in its environment: nothing of the host's (its pyenv, its PYTHON* variables) leaks in.
    /// </summary>
    public ProcessResult Run(IEnumerable<string> argv, params (string Name, string Value)[] environment)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = "/root",
            ["PATH"] = DefaultPath,
            ["LANG"] = "C.UTF-8",
        };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }
        string[] args =
        [
            "--mount", "--fork", "--", "/bin/sh", "-c", MountAndChroot, "sh",
            _dir.Combine("merged"), Lower, Upper, _dir.Combine("work"),
            "/usr/bin/env", "-i", .. variables.Select(v => $"{v.Key}={v.Value}"), .. argv,
        ];
        return ProcessRunner.Run("unshare", args, timeout: TimeSpan.FromMinutes(10));
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// Where <paramref name="pathInside"/> is on the host when this chroot wrote or installed it
    /// (its upper layer): to see what the commands left behind. What only the cached root holds
    /// is not there.
    /// </summary>
    public string UpperPathOf(string pathInside)
    {
        if (!pathInside.StartsWith('/') || pathInside.Split('/').Contains(".."))
        {
            throw new ArgumentException($"not an absolute path inside the root: {pathInside}", nameof(pathInside));
        }
        return Path.Combine(Upper, pathInside.TrimStart('/'));
    }
}
