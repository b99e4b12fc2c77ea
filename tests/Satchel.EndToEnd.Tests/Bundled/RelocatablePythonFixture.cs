using Satchel.Testing;
using Satchel.Testing.Wheels;

namespace Satchel.EndToEnd.Tests.Bundled;

/// <summary>
/// A relocatable CPython made once per test class from Debian's python3.11 (statically linked
/// against libpython, so the binary and its stdlib are all it needs): `python/bin/python3.11`,
/// `python/bin/python3 → python3.11`, `python/lib/python3.11`, the layout of
/// python-build-standalone's install_only builds; and the same tree as a .tar.gz made by GNU tar.
/// The stdlib's test suites, idlelib, tkinter, turtledemo and __pycache__ are left out to keep
/// the copy (and every build packing it) small: about 22 MB, 750 files.
/// Also a find-links folder with Debian's pip wheel (the tree has no pip) and MarkupSafe's real
/// cp311 wheel, so resolution with the bundled interpreter has a binary wheel to match.
/// </summary>
public sealed class RelocatablePythonFixture : IDisposable
{
    public const string DebianPython = "/usr/bin/python3.11";
    public const string DebianStdlib = "/usr/lib/python3.11";

    private static readonly string[] Skipped = ["test", "idlelib", "tkinter", "turtledemo", "__pycache__", "site-packages", "dist-packages", "tests"];

    private readonly TempDirectory _dir = new("satchel-bundled");

    public RelocatablePythonFixture()
    {
        if (!File.Exists(DebianPython) || !File.Exists(Path.Combine(DebianStdlib, "os.py")))
        {
            throw new InvalidOperationException($"the bundled-Python tests need Debian's {DebianPython} and its stdlib: apt-get install python3.11-minimal libpython3.11-stdlib (scripts/install-test-prerequisites does)");
        }

        Directory.CreateDirectory(_dir.Combine("python", "bin"));
        File.Copy(DebianPython, _dir.Combine("python", "bin", "python3.11"));
        File.CreateSymbolicLink(_dir.Combine("python", "bin", "python3"), "python3.11");
        CopyTree(DebianStdlib, _dir.Combine("python", "lib", "python3.11"));

        var tar = ProcessRunner.Run("tar", ["-czf", Archive, "-C", _dir.Path, "python"]);
        if (tar.ExitCode != 0)
        {
            throw new InvalidOperationException(tar.ToString());
        }

        Directory.CreateDirectory(Wheels);
        File.Copy(Directory.GetFiles("/usr/share/python-wheels", "pip-*.whl").Single(), Path.Combine(Wheels, "pip-23.0.1-py3-none-any.whl"));
        var markupsafe = InstalledDistributionWheels.Get("markupsafe");
        File.Copy(markupsafe, Path.Combine(Wheels, Path.GetFileName(markupsafe)));
    }

    /// <summary>The relocatable tree (a directory holding bin/ and lib/).</summary>
    public string Tree => _dir.Combine("python");

    /// <summary>The same tree as python.tar.gz, with a top-level "python/" directory as python-build-standalone's.</summary>
    public string Archive => _dir.Combine("python.tar.gz");

    /// <summary>A find-links folder: Debian's pip wheel and MarkupSafe (cp311).</summary>
    public string Wheels => _dir.Combine("wheels");

    /// <summary>
    /// Copies a stdlib tree, relative links kept as links. Debian's absolute link
    /// sitecustomize.py → /etc/python3.11/sitecustomize.py is left out: a bundle cannot point at
    /// the build machine's files (the scanner refuses it).
    /// </summary>
    public static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (Skipped.Contains(entry.Name) || entry.Name.StartsWith("config-", StringComparison.Ordinal))
            {
                continue;
            }

            if (entry.LinkTarget is { } link)
            {
                if (Path.IsPathRooted(link))
                {
                    continue;
                }

                File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo)
            {
                CopyTree(entry.FullName, target);
            }
            else
            {
                File.Copy(entry.FullName, target);
            }
        }
    }

    public void Dispose() => _dir.Dispose();
}
