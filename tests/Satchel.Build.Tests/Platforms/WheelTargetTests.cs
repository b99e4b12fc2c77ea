using Satchel.Build.Resolution;
using Satchel.Build.Wheels;
using Satchel.Runtime.Platforms;
using Xunit;

namespace Satchel.Build.Tests.Platforms;

/// <summary>The wheels a linux-aarch64 CPython 3.11 takes, and the pip options that ask pip for exactly those.</summary>
public sealed class WheelTargetTests
{
    private static readonly WheelTarget Aarch64Py311 = new(TargetPlatform.LinuxAarch64, 3, 11);

    [Theory]
    [InlineData("pkg-1.0-py3-none-any.whl")]
    [InlineData("pkg-1.0-py2.py3-none-any.whl")]
    [InlineData("pkg-1.0-cp311-cp311-manylinux_2_17_aarch64.manylinux2014_aarch64.whl")]
    [InlineData("pkg-1.0-cp311-cp311-manylinux2014_aarch64.whl")]
    [InlineData("pkg-1.0-cp311-cp311-manylinux_2_28_aarch64.whl")]
    [InlineData("pkg-1.0-cp311-cp311-linux_aarch64.whl")]
    [InlineData("pkg-1.0-cp38-abi3-manylinux_2_17_aarch64.whl")]
    [InlineData("pkg-1.0-cp311-none-linux_aarch64.whl")]
    public void Takes_wheels_for_cpython_3_11_on_aarch64(string fileName) =>
        Assert.True(Aarch64Py311.Accepts(WheelFileName.Parse(fileName)), fileName);

    [Theory]
    [InlineData("pkg-1.0-cp311-cp311-manylinux_2_17_x86_64.whl")]
    [InlineData("pkg-1.0-cp311-cp311-musllinux_1_1_aarch64.whl")]
    [InlineData("pkg-1.0-cp312-cp312-manylinux_2_17_aarch64.whl")]
    [InlineData("pkg-1.0-cp312-abi3-manylinux_2_17_aarch64.whl")]
    [InlineData("pkg-1.0-cp311-cp311-manylinux_2_12_aarch64.whl")]
    [InlineData("pkg-1.0-cp311-cp311-manylinux_2_40_aarch64.whl")]
    [InlineData("pkg-1.0-pp310-pypy310_pp73-manylinux_2_17_aarch64.whl")]
    [InlineData("pkg-1.0-cp311-cp311-win_arm64.whl")]
    public void Refuses_wheels_for_another_machine_python_or_glibc_range(string fileName) =>
        Assert.False(Aarch64Py311.Accepts(WheelFileName.Parse(fileName)), fileName);

    [Fact]
    public void The_check_names_the_wheel_its_tags_and_the_target()
    {
        var error = Assert.Throws<Satchel.Runtime.Errors.SatchelException>(() => Aarch64Py311.Check("/w/pkg-1.0-cp311-cp311-manylinux_2_17_x86_64.whl", "the wheel"));
        Assert.Equal(65, error.ExitCode);
        Assert.Contains("the wheel pkg-1.0-cp311-cp311-manylinux_2_17_x86_64.whl does not run on linux-aarch64 (CPython 3.11): its tags are cp311-cp311-manylinux_2_17_x86_64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pip_is_asked_for_binary_wheels_of_every_platform_tag_newest_first_with_the_version_and_abi()
    {
        var args = PipArguments.Target(Aarch64Py311).ToList();

        Assert.Equal("--only-binary=:all:", args[0]);
        var platforms = args.Select((a, i) => (a, i)).Where(p => p.a == "--platform").Select(p => args[p.i + 1]).ToList();
        Assert.Equal("manylinux_2_39_aarch64", platforms[0]);
        Assert.Equal(["manylinux_2_17_aarch64", "manylinux2014_aarch64", "linux_aarch64"], platforms[^3..]);
        Assert.Equal(39 - 17 + 1 + 2, platforms.Count);
        Assert.Equal(["--python-version", "3.11", "--implementation", "cp", "--abi", "cp311"], args[^6..]);
        Assert.Empty(PipArguments.Target(null));
    }

    [Fact]
    public void Python_before_3_8_has_the_m_abi() =>
        Assert.Equal("cp37m", new WheelTarget(TargetPlatform.LinuxX8664, 3, 7).Abi);
}
