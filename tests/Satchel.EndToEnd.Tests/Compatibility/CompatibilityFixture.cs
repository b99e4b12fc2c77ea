using System.Collections.Concurrent;
using Satchel.Testing;
using Satchel.Testing.Parity;
using Satchel.Testing.Wheels;

namespace Satchel.EndToEnd.Tests.Compatibility;

/// <summary>
/// Every distribution installed in pyenv's Python 3.11 re-packed into one find-links folder (those
/// whose files a wheel cannot hold are left out), one pip venv per set of the suite, made on first
/// use, and a cache shared by the suite's apps (units are shared, as on a user's machine). The
/// sets of <see cref="CompatibilityEntries.DebianSets"/> have a find-links folder of their own.
/// </summary>
public sealed class CompatibilityFixture : IDisposable
{
    public const string Python = InstalledDistributionWheels.DefaultInterpreter;

    private readonly TempDirectory _dir = new("satchel-compat");
    private readonly ConcurrentDictionary<string, Lazy<PipVenv>> _venvs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<string>> _debianWheels = new(StringComparer.Ordinal);
    private readonly Lazy<string> _wheels;

    public CompatibilityFixture()
    {
        _wheels = new Lazy<string>(Repack);
        foreach (var (name, text) in CompatibilityEntries.Inputs)
        {
            _dir.Write(Path.Combine("inputs", name), text);
        }

        Directory.CreateDirectory(_dir.Combine("home"));
    }

    /// <summary>Why the suite cannot run here, or null.</summary>
    public static string? SkipReason => File.Exists(Python) ? null : $"the compatibility suite needs pyenv's Python 3.11.7 with its installed distributions at {Python}";

    public string Root => _dir.Path;

    public string Wheels => _wheels.Value;

    public string Inputs => _dir.Combine("inputs");

    public string Home => _dir.Combine("home");

    public string Cache => _dir.Combine("cache");

    /// <summary>The find-links folder the venv and the apps of <paramref name="set"/> are made from.</summary>
    public string FindLinks(string set) => CompatibilityEntries.DebianSets.TryGetValue(set, out var debian)
        ? _debianWheels.GetOrAdd(set, s => new Lazy<string>(() => RepackDebian(s, debian))).Value
        : Wheels;

    public PipVenv Venv(string set) =>
        _venvs.GetOrAdd(set, s => new Lazy<PipVenv>(() => PipVenv.Create(Python, _dir.Combine("venvs", s), FindLinks(s), CompatibilityEntries.Sets[s]))).Value;

    private string RepackDebian(string set, CompatibilityDebianSet debian)
    {
        var folder = _dir.Combine("wheels-" + set);
        foreach (var deb in debian.Packages.Debs)
        {
            DebianPackageWheels.Repack(deb, folder);
        }

        InstalledDistributionWheels.CopyInto(folder, debian.FromPyenv);
        foreach (var build in debian.Crafted)
        {
            build(folder);
        }

        return folder;
    }

    private string Repack()
    {
        var folder = _dir.Combine("wheels");
        Directory.CreateDirectory(folder);
        var names = ProcessRunner.Run(Python, ["-I", "-c", "import importlib.metadata as m\nfor d in m.distributions(): print(d.metadata['Name'])"]);
        foreach (var name in names.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            try
            {
                var wheel = InstalledDistributionWheels.Get(name);
                File.Copy(wheel, Path.Combine(folder, Path.GetFileName(wheel)), overwrite: true);
            }
            catch (InvalidOperationException)
            {
                // A distribution without RECORD or with files outside the prefix: no entry needs it.
            }
        }

        return folder;
    }

    public void Dispose() => _dir.Dispose();
}
