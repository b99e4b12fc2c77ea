using System.Buffers.Text;
using System.IO.Compression;
using System.Security.Cryptography;
using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Dist;

/// <summary>
/// The wheel scripts/build-dist writes around the native binary (docs/distribution.md), checked by
/// Python's own tools: zipfile's test, pip's install (offline, into a venv), the installed `satchel`
/// script and `python -m satchel`.
/// </summary>
public sealed class DistWheelTests
{
    [Fact]
    public void Pythons_zipfile_finds_the_wheel_intact()
    {
        var test = ProcessRunner.Run(RealPythons.Python311, ["-m", "zipfile", "-t", NativeDistribution.Wheel]);
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Contains("Done testing", test.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Its_record_lists_every_member_with_its_sha256_and_size_and_the_binary_is_executable()
    {
        using var zip = ZipFile.OpenRead(NativeDistribution.Wheel);
        var version = Path.GetFileName(NativeDistribution.Wheel).Split('-')[1];
        var record = zip.GetEntry($"satchel-{version}.dist-info/RECORD") ?? throw new Xunit.Sdk.XunitException("no RECORD");
        using var reader = new StreamReader(record.Open());
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal), lines.Select(l => l.Split(',')[0]).Order(StringComparer.Ordinal));
        foreach (var line in lines.Where(l => !l.EndsWith(",,", StringComparison.Ordinal)))
        {
            var (path, hash, size) = (line.Split(',')[0], line.Split(',')[1], line.Split(',')[2]);
            using var content = new MemoryStream();
            using (var member = zip.GetEntry(path)!.Open())
            {
                member.CopyTo(content);
            }
            Assert.Equal("sha256=" + Base64Url.EncodeToString(SHA256.HashData(content.ToArray())), hash);
            Assert.Equal(content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), size);
        }

        var script = zip.GetEntry($"satchel-{version}.data/scripts/satchel")!;
        Assert.Equal(0b1000_000_111_101_101, (script.ExternalAttributes >> 16) & 0xFFFF);
        Assert.Equal(new FileInfo(NativeDistribution.Binary).Length, script.Length);
        // SOURCE_DATE_EPOCH's time (build-dist ran with this process's environment), 1980-01-01 by default.
        var epoch = long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), out var set) ? set : 315532800;
        var expected = DateTimeOffset.FromUnixTimeSeconds(Math.Max(epoch, 315532800)).UtcDateTime;
        Assert.All(zip.Entries, e => Assert.Equal(expected, e.LastWriteTime.DateTime));
    }

    [Fact]
    public void Pip_installs_it_offline_and_both_satchel_and_python_m_satchel_run_the_binary()
    {
        using var dir = new TempDirectory("satchel-dist-wheel");
        var venv = dir.Combine("venv");
        var create = ProcessRunner.Run(RealPythons.Python311, ["-m", "venv", venv]);
        Assert.True(create.ExitCode == 0, create.ToString());
        var isolated = new Dictionary<string, string?> { ["PIP_CONFIG_FILE"] = "/dev/null", ["PIP_DISABLE_PIP_VERSION_CHECK"] = "1" };

        var install = ProcessRunner.Run(Path.Combine(venv, "bin", "python"), ["-m", "pip", "install", "--no-index", NativeDistribution.Wheel], isolated);
        Assert.True(install.ExitCode == 0, install.ToString());

        var installed = Path.Combine(venv, "bin", "satchel");
        Assert.Equal(File.ReadAllBytes(NativeDistribution.Binary), File.ReadAllBytes(installed));
        Assert.True(File.GetUnixFileMode(installed).HasFlag(UnixFileMode.UserExecute), $"{installed} is not executable");
        var version = ProcessRunner.Run(installed, ["--version"]);
        Assert.True(version.ExitCode == 0, version.ToString());

        var viaPython = ProcessRunner.Run(Path.Combine(venv, "bin", "python"), ["-m", "satchel", "--version"]);
        Assert.True(viaPython.ExitCode == 0, viaPython.ToString());
        Assert.Equal(version.StdOut, viaPython.StdOut);

        // The exit status and stderr are satchel's own: python -m satchel execs it.
        var missing = dir.Combine("no-such-app");
        var direct = ProcessRunner.Run(installed, ["verify", missing]);
        var relayed = ProcessRunner.Run(Path.Combine(venv, "bin", "python"), ["-m", "satchel", "verify", missing]);
        Assert.NotEqual(0, direct.ExitCode);
        Assert.Equal(direct.ExitCode, relayed.ExitCode);
        Assert.Equal(direct.StdErr, relayed.StdErr);

        var uninstall = ProcessRunner.Run(Path.Combine(venv, "bin", "python"), ["-m", "pip", "uninstall", "-y", "satchel"], isolated);
        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        Assert.False(File.Exists(installed), "pip uninstall left the binary: RECORD does not list it");
    }

    /// <summary>
    /// pipx, the way most Python developers install a command-line tool: offline, from the wheel
    /// file, into a pipx home of the test's own. (pipx first tries to upgrade its shared pip from an
    /// index, fails offline and says so; that is pipx's own and does not stop the install.)
    /// </summary>
    [PipxFact]
    public void Pipx_installs_it_offline_and_the_command_it_links_runs_the_binary()
    {
        using var dir = new TempDirectory("satchel-dist-pipx");
        var environment = new Dictionary<string, string?>
        {
            ["PIPX_HOME"] = dir.Combine("pipx"),
            ["PIPX_BIN_DIR"] = dir.Combine("bin"),
            ["PIP_NO_INDEX"] = "1",
            ["PIP_CONFIG_FILE"] = "/dev/null",
            ["PIP_DISABLE_PIP_VERSION_CHECK"] = "1",
        };

        var install = ProcessRunner.Run(PipxFactAttribute.Binary!, ["install", NativeDistribution.Wheel], environment, timeout: TimeSpan.FromMinutes(5));
        Assert.True(install.ExitCode == 0, install.ToString());

        var command = dir.Combine("bin", "satchel");
        Assert.Equal(File.ReadAllBytes(NativeDistribution.Binary), File.ReadAllBytes(command));
        var version = ProcessRunner.Run(command, ["--version"]);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.Equal(Path.GetFileName(NativeDistribution.Wheel).Split('-')[1], version.StdOut.Trim());

        var uninstall = ProcessRunner.Run(PipxFactAttribute.Binary!, ["uninstall", "satchel"], environment);
        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        Assert.False(Path.Exists(command), $"pipx uninstall left {command}");
    }
}

/// <summary>A fact that needs pipx: skipped, with the reason shown, where it is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PipxFactAttribute : FactAttribute
{
    public PipxFactAttribute()
    {
        if (Binary is null)
        {
            Skip = "pipx is not installed (scripts/install-test-prerequisites installs Debian's pipx when run as root)";
        }
    }

    public static string? Binary { get; } = new[] { "/usr/bin/pipx", "/usr/local/bin/pipx" }.FirstOrDefault(File.Exists);
}
