using System.Security.Cryptography;
using System.Text;
using Satchel.Build.Wheels;
using Satchel.Testing;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.Build.Tests.Wheels;

/// <summary>Crafted wheels installed into trees: where each kind of member lands and what the installer writes.</summary>
public sealed class CraftedWheelInstallTests : IDisposable
{
    private const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Regular = (UnixFileMode)0b110_100_100;
    private readonly TempDirectory _dir = new("satchel-wheel");

    private InstalledWheel Install(WheelBuilder builder) =>
        WheelInstaller.Install(builder.Build(_dir.Combine("wheels")), _dir.Combine("tree"));

    private string Tree(string relative) => _dir.Combine("tree", relative);

    private static WheelBuilder Demo() => new WheelBuilder("Demo.Pkg", "1.2.0")
        .AddFile("demo_pkg/__init__.py", "VALUE = 1\n")
        .AddFile("demo_pkg/tool.sh", "#!/bin/sh\necho tool\n", executable: true)
        .AddData("purelib", "demo_pure.py", "PURE = True\n")
        .AddData("platlib", "demo_plat/__init__.py", "PLAT = True\n")
        .AddData("scripts", "demo-run", "#!python\nimport demo_pkg\n")
        .AddData("scripts", "demo-sh", "#!/bin/sh\necho sh\n")
        .AddData("data", "share/demo/readme.txt", "data file\n")
        .AddData("headers", "demo.h", "#define DEMO 1\n")
        .AddEntryPoint("console_scripts", "demo", "demo_pkg.cli:main [extra]")
        .AddEntryPoint("gui_scripts", "demo-gui", "demo_pkg.gui:App.run");

    [Fact]
    public void Each_data_scheme_lands_in_its_own_directory_and_root_files_in_site_packages()
    {
        Install(Demo());
        Assert.Equal("VALUE = 1\n", File.ReadAllText(Tree("site-packages/demo_pkg/__init__.py")));
        Assert.Equal("PURE = True\n", File.ReadAllText(Tree("site-packages/demo_pure.py")));
        Assert.Equal("PLAT = True\n", File.ReadAllText(Tree("site-packages/demo_plat/__init__.py")));
        Assert.Equal("#!python\nimport demo_pkg\n", File.ReadAllText(Tree("scripts/demo-run")));
        Assert.Equal("data file\n", File.ReadAllText(Tree("data/share/demo/readme.txt")));
        Assert.Equal("#define DEMO 1\n", File.ReadAllText(Tree("headers/demo.h")));
        Assert.False(Directory.Exists(Tree("site-packages/demo_pkg-1.2.0.data")));
        Assert.Equal(["data", "headers", "scripts", "site-packages"], Directory.GetDirectories(_dir.Combine("tree")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Scripts_are_executable_and_only_python_shebangs_are_flagged_for_rewriting()
    {
        var wheel = Install(Demo());
        Assert.Equal([new InstalledScript("scripts/demo-run", true), new InstalledScript("scripts/demo-sh", false)], wheel.Scripts);
        Assert.Equal(Executable, File.GetUnixFileMode(Tree("scripts/demo-run")));
        Assert.Equal(Executable, File.GetUnixFileMode(Tree("scripts/demo-sh")));
        Assert.Equal(Executable, File.GetUnixFileMode(Tree("site-packages/demo_pkg/tool.sh")));
        Assert.Equal(Regular, File.GetUnixFileMode(Tree("site-packages/demo_pkg/__init__.py")));
    }

    [Fact]
    public void The_result_describes_name_version_tags_entry_points_and_counts()
    {
        var builder = Demo();
        builder.RequiresPython = ">=3.8";
        var wheel = Install(builder);
        Assert.Equal(("Demo.Pkg", "demo-pkg", "1.2.0", ">=3.8"), (wheel.Name, wheel.NormalizedName, wheel.Version, wheel.RequiresPython));
        Assert.Equal("demo_pkg-1.2.0.dist-info", wheel.DistInfoDirectory);
        Assert.Equal([new WheelTag("py3", "none", "any")], wheel.Tags);
        Assert.True(wheel.Info.RootIsPurelib);
        Assert.Equal("1.0", wheel.Info.WheelVersion);
        Assert.Equal("demo = demo_pkg.cli:main", Assert.Single(wheel.ConsoleScripts).ToString());
        Assert.Equal(["extra"], wheel.ConsoleScripts[0].Extras);
        Assert.Equal("demo-gui = demo_pkg.gui:App.run", Assert.Single(wheel.GuiScripts).ToString());
        Assert.False(wheel.HasNativeCode);
        var onDisk = Directory.GetFiles(_dir.Combine("tree"), "*", SearchOption.AllDirectories);
        Assert.Equal(onDisk.Length, wheel.FileCount);
        Assert.Equal(onDisk.Sum(f => new FileInfo(f).Length), wheel.TotalBytes);
        Assert.Equal(_dir.Combine("tree"), wheel.TreePath);
    }

    [Fact]
    public void INSTALLER_and_a_fresh_RECORD_of_site_packages_are_written_with_correct_hashes()
    {
        var wheel = Install(Demo().AddRecordLine("").AddDistInfoFile("INSTALLER", "pip\n"));
        var distInfo = Tree("site-packages/" + wheel.DistInfoDirectory);
        Assert.Equal("satchel\n", File.ReadAllText(Path.Combine(distInfo, "INSTALLER")));
        var lines = File.ReadAllLines(Path.Combine(distInfo, "RECORD"));
        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
        Assert.Contains("demo_pkg-1.2.0.dist-info/RECORD,,", lines);

        var listed = lines.Where(l => !l.EndsWith(",,", StringComparison.Ordinal)).ToList();
        var sitePackagesFiles = Directory.GetFiles(Tree("site-packages"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Tree("site-packages"), f))
            .Where(f => !f.EndsWith("/RECORD", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.Equal(sitePackagesFiles, listed.Select(l => l.Split(',')[0]));
        foreach (var line in listed)
        {
            var path = line.Split(',')[0];
            Assert.Equal(WheelRecordLine.For(path, File.ReadAllBytes(Tree("site-packages/" + path))), line);
        }
    }

    [Fact]
    public void A_native_library_or_a_specific_abi_marks_the_wheel_as_native()
    {
        var withSo = new WheelBuilder("nat", "1.0").AddFile("nat/_speed.cpython-311-x86_64-linux-gnu.so", [0x7f, (byte)'E', (byte)'L', (byte)'F']);
        Assert.True(Install(withSo).HasNativeCode);

        var tagged = new WheelBuilder("tagged", "1.0") { Tag = "cp311-cp311-linux_x86_64", RootIsPurelib = false }.AddFile("tagged/__init__.py", "");
        var wheel = WheelInstaller.Install(tagged.Build(_dir.Combine("w2")), _dir.Combine("tree2"));
        Assert.True(wheel.HasNativeCode);
        Assert.False(wheel.Info.RootIsPurelib);
        Assert.True(wheel.Tags.Single().Requirement!.Accepts("cp", 3, 11));
    }

    [Fact]
    public void Installing_the_same_wheel_twice_gives_byte_identical_trees()
    {
        var path = Demo().Build(_dir.Combine("wheels"));
        WheelInstaller.Install(path, _dir.Combine("one"));
        WheelInstaller.Install(path, _dir.Combine("two"));
        Assert.Equal(Snapshot(_dir.Combine("one")), Snapshot(_dir.Combine("two")));
    }

    [Fact]
    public void An_existing_target_is_not_touched()
    {
        var target = _dir.Combine("tree");
        _dir.Write("tree/keep.txt", "mine");
        var e = Assert.Throws<Satchel.Runtime.Errors.SatchelException>(() => WheelInstaller.Install(Demo().Build(_dir.Combine("wheels")), target));
        Assert.Equal(73, e.ExitCode);
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(target).Select(Path.GetFileName));
    }

    [Fact]
    public void Sha512_records_are_verified_too_and_a_wheel_version_1_9_is_accepted()
    {
        var content = Encoding.UTF8.GetBytes("print('512')\n");
        var digest = Convert.ToBase64String(SHA512.HashData(content)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var builder = new WheelBuilder("strong", "2.0")
            .AddFile("strong.py", content)
            .ReplaceRecordLine("strong.py", $"strong.py,sha512={digest},{content.Length}")
            .AddDistInfoFile("WHEEL", "Wheel-Version: 1.9\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        Assert.Equal("1.9", Install(builder).Info.WheelVersion);
        Assert.Equal("print('512')\n", File.ReadAllText(Tree("site-packages/strong.py")));
    }

    internal static SortedDictionary<string, string> Snapshot(string root) =>
        new(Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(root, f),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))) + " " + File.GetUnixFileMode(f)), StringComparer.Ordinal);

    public void Dispose() => _dir.Dispose();
}
