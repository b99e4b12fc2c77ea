using Satchel.Build.Wheels;
using Satchel.Testing;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.Build.Tests.Wheels;

/// <summary>
/// The test fixture that re-packs Debian's python3-* packages into wheels (for the compatibility
/// suite's keyring set) makes wheels Satchel's installer accepts, RECORD checked: an unpacked
/// deb's tree in the two shapes Debian ships, an .egg-info without RECORD and a .dist-info.
/// </summary>
public sealed class DebianPackageWheelTests : IDisposable
{
    private const string Site = "usr/lib/python3/dist-packages";
    private readonly TempDirectory _dir = new("satchel-debwheel");

    private InstalledWheel Install(string deb) => WheelInstaller.Install(DebianPackageWheels.FromTree(_dir.Combine(deb), _dir.Combine("wheels")), _dir.Combine("tree-" + deb));

    [Fact]
    public void An_egg_info_package_becomes_a_wheel_with_its_requirements_files_and_scripts()
    {
        _dir.Write($"egg/{Site}/ns/part/__init__.py", "PART = 1\n");
        _dir.Write($"egg/{Site}/ns/part/__pycache__/__init__.cpython-311.pyc", "bytecode");
        _dir.Write($"egg/{Site}/ns.part-1.0.egg-info/PKG-INFO", "Metadata-Version: 2.1\nName: ns.part\nVersion: 1.0\nProvides-Extra: docs\n\nA description.\n");
        _dir.Write($"egg/{Site}/ns.part-1.0.egg-info/requires.txt", "more_itertools\n\n[:sys_platform == \"linux\"]\njeepney>=0.6\n\n[docs]\nsphinx\n\n[docs:python_version < \"3.8\"]\nold\n");
        _dir.Write($"egg/{Site}/ns.part-1.0.egg-info/entry_points.txt", "[console_scripts]\nns-part = ns.part:main\n");
        _dir.Write($"egg/{Site}/ns.part-1.0.egg-info/dependency_links.txt", "\n");
        _dir.Write("egg/usr/bin/ns-part", "#!/usr/bin/python3\nfrom ns.part import main\nmain()\n", executable: true);
        _dir.Write("egg/usr/bin/ns-tool.py", "#!/usr/bin/python3\nprint('tool')\n", executable: true);
        _dir.Write("egg/usr/share/doc/python3-ns.part/copyright", "Debian's\n");

        var wheel = Install("egg");

        Assert.Equal(("ns.part", "1.0"), (wheel.Name, wheel.Version));
        var metadata = File.ReadAllText(Path.Combine(wheel.SitePackages, wheel.DistInfoDirectory, "METADATA"));
        Assert.Equal(
            "Metadata-Version: 2.1\nName: ns.part\nVersion: 1.0\nProvides-Extra: docs\n"
            + "Requires-Dist: more_itertools\nRequires-Dist: jeepney>=0.6; sys_platform == \"linux\"\n"
            + "Requires-Dist: sphinx; extra == \"docs\"\nRequires-Dist: old; (python_version < \"3.8\") and extra == \"docs\"\n"
            + "\nA description.\n",
            metadata);
        Assert.Equal("PART = 1\n", File.ReadAllText(Path.Combine(wheel.SitePackages, "ns/part/__init__.py")));
        Assert.False(Directory.Exists(Path.Combine(wheel.SitePackages, "ns/part/__pycache__")));
        Assert.Equal(["INSTALLER", "METADATA", "RECORD", "WHEEL", "entry_points.txt"],
            Directory.GetFiles(Path.Combine(wheel.SitePackages, wheel.DistInfoDirectory)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["ns-part"], wheel.ConsoleScripts.Select(e => e.Name));
        Assert.Equal([new InstalledScript("scripts/ns-tool.py", true)], wheel.Scripts);
        Assert.Equal("#!python\nprint('tool')\n", File.ReadAllText(_dir.Combine("tree-egg", "scripts", "ns-tool.py")));
        Assert.False(Directory.Exists(_dir.Combine("tree-egg", "data")));
    }

    [Fact]
    public void A_dist_info_package_keeps_its_metadata_once_and_gets_a_fresh_record()
    {
        _dir.Write($"dist/{Site}/mod.py", "X = 1\n");
        _dir.Write($"dist/{Site}/mod-2.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: mod\nVersion: 2.0\nRequires-Dist: six\n");
        _dir.Write($"dist/{Site}/mod-2.0.dist-info/RECORD", "mod.py,sha256=stale,1\n");
        _dir.Write($"dist/{Site}/mod-2.0.dist-info/WHEEL", "Wheel-Version: 1.0\nGenerator: bdist_wheel\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        _dir.Write($"dist/{Site}/mod-2.0.dist-info/top_level.txt", "mod\n");

        var wheel = Install("dist");

        Assert.Equal("Metadata-Version: 2.1\nName: mod\nVersion: 2.0\nRequires-Dist: six\n",
            File.ReadAllText(Path.Combine(wheel.SitePackages, wheel.DistInfoDirectory, "METADATA")));
        Assert.Equal("mod\n", File.ReadAllText(Path.Combine(wheel.SitePackages, wheel.DistInfoDirectory, "top_level.txt")));
        Assert.Equal("X = 1\n", File.ReadAllText(Path.Combine(wheel.SitePackages, "mod.py")));
    }

    [Fact]
    public void A_package_with_an_extension_module_is_refused()
    {
        _dir.Write($"native/{Site}/fast.cpython-311-x86_64-linux-gnu.so", "ELF");
        _dir.Write($"native/{Site}/fast-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: fast\nVersion: 1.0\n");

        var error = Assert.Throws<InvalidOperationException>(() => DebianPackageWheels.FromTree(_dir.Combine("native"), _dir.Combine("wheels")));
        Assert.Contains("extension module", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
