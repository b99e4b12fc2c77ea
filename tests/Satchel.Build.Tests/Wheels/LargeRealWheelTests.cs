using Satchel.Runtime.Python;
using Satchel.Build.Wheels;
using Satchel.Testing;
using Satchel.Testing.Wheels;
using Xunit;

namespace Satchel.Build.Tests.Wheels;

/// <summary>
/// awscli and its dependency closure: thousands of files, a native PyYAML, and real .data/scripts
/// (awscli ships "aws" as a plain script, not an entry point) whose "#!python" line the venv
/// assembly must rewrite.
/// </summary>
public sealed class LargeRealWheelTests : IDisposable
{
    private const string Python = InstalledDistributionWheels.DefaultInterpreter;

    private static readonly string[] Closure =
        ["awscli", "botocore", "s3transfer", "docutils", "pyyaml", "colorama", "rsa", "pyasn1", "jmespath", "python-dateutil", "six", "urllib3"];

    private readonly TempDirectory _dir = new("satchel-aws");

    [Fact]
    public void Awscli_installs_with_its_scripts_flagged_and_aws_runs_from_the_installed_trees()
    {
        var wheels = Closure.ToDictionary(p => p, p => WheelInstaller.Install(InstalledDistributionWheels.Get(p), _dir.Combine("trees", p)));
        var awscli = wheels["awscli"];
        Assert.True(awscli.FileCount > 1000, $"{awscli.FileCount} files");
        Assert.True(wheels["pyyaml"].HasNativeCode);
        Assert.Contains(new InstalledScript("scripts/aws", true), awscli.Scripts);
        Assert.Contains(new InstalledScript("scripts/aws.cmd", false), awscli.Scripts);
        Assert.Equal("#!python", File.ReadLines(Path.Combine(awscli.TreePath, "scripts", "aws")).First());

        var script = _dir.Combine("bin", "aws");
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        File.WriteAllBytes(script, PythonShebang.Rewrite(File.ReadAllBytes(Path.Combine(awscli.TreePath, "scripts", "aws")), Python));
        var result = IsolatedPython.Run(Python, wheels.Values.Select(w => w.SitePackages), script, "--version");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"aws-cli/{awscli.Version}", result.StdOut + result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"botocore/{wheels["botocore"].Version}", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipythons_man_page_installed_outside_site_packages_comes_back_under_data()
    {
        var ipython = WheelInstaller.Install(InstalledDistributionWheels.Get("ipython"), _dir.Combine("ipython"));
        var manPage = Path.Combine(ipython.TreePath, "data", "share", "man", "man1", "ipython.1");
        Assert.Equal(File.ReadAllBytes("/root/.pyenv/versions/3.11.7/share/man/man1/ipython.1"), File.ReadAllBytes(manPage));
        Assert.Contains(ipython.ConsoleScripts, e => e.Name == "ipython");
        Assert.Empty(ipython.Scripts);
    }

    public void Dispose() => _dir.Dispose();
}
