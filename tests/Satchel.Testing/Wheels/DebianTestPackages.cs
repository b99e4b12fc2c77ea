namespace Satchel.Testing.Wheels;

/// <summary>
/// A named set of Debian packages (.deb files) downloaded once by the repository's
/// <c>scripts/debian-test-debs</c> and kept under /var/cache/satchel-tests between runs, for tests
/// that need real distributions the pyenv interpreter does not have (PyPI is not reachable here;
/// Debian's archive is). <c>./test</c> downloads them up front (scripts/install-test-prerequisites);
/// <see cref="SkipReason"/> downloads them when they are missing, under the script's lock, since
/// only trying tells whether apt can reach the archive.
/// </summary>
public sealed class DebianTestPackages
{
    private readonly string _name;
    private readonly Lazy<(string? Directory, string? Failure)> _fetched;

    private DebianTestPackages(string name)
    {
        _name = name;
        _fetched = new(Fetch, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>keyring and its dependencies, with jaraco.classes, jaraco.context and jaraco.functools (one PEP 420 namespace, three distributions).</summary>
    public static DebianTestPackages Keyring { get; } = new("keyring");

    /// <summary>Null when the set is here (downloaded now if it was missing), else why not, in the script's words.</summary>
    public string? SkipReason => _fetched.Value.Failure;

    /// <summary>The .deb files of the set (throws with <see cref="SkipReason"/> when there are none).</summary>
    public IReadOnlyList<string> Debs => Directory.GetFiles(_fetched.Value.Directory ?? throw new InvalidOperationException(SkipReason), "*.deb")
        .Order(StringComparer.Ordinal).ToArray();

    private (string?, string?) Fetch()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/dpkg-deb"))
        {
            return (null, $"the Debian packages '{_name}' are unpacked with dpkg-deb, which this machine does not have");
        }

        var result = ProcessRunner.Run(RepositoryScripts.Find("debian-test-debs"), [_name], timeout: TimeSpan.FromMinutes(5));
        var directory = result.StdOut.Trim();
        return result.ExitCode == 0 && Directory.Exists(directory)
            ? (directory, null)
            : (null, $"the Debian packages '{_name}' could not be downloaded (apt offline?): {result.StdErr.Trim()}");
    }
}
