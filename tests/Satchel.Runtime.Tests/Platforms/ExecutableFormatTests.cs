using Satchel.Runtime.Platforms;
using Xunit;

namespace Satchel.Runtime.Tests.Platforms;

/// <summary>Which machine an executable is for, from its first 20 bytes; the platform names `--platform` takes.</summary>
public sealed class ExecutableFormatTests
{
    [Fact]
    public void This_machines_programs_are_x86_64_elf_files()
    {
        Assert.Equal(TargetPlatform.LinuxX8664.ElfMachine, ExecutableFormat.ElfMachine("/bin/sh"));
        Assert.Equal("linux-x86_64", ExecutableFormat.Describe("/bin/sh"));
    }

    [Theory]
    [InlineData((ushort)183, "linux-aarch64")]
    [InlineData((ushort)62, "linux-x86_64")]
    [InlineData((ushort)40, "ELF machine 40")]
    public void The_elf_machine_names_the_platform(ushort machine, string expected)
    {
        var header = new byte[ExecutableFormat.HeaderBytes];
        "\u007fELF"u8.CopyTo(header);
        header[4] = 2; // 64-bit
        header[5] = 1; // little-endian
        header[18] = (byte)machine;
        header[19] = (byte)(machine >> 8);

        Assert.Equal(machine, ExecutableFormat.ElfMachine(header));
        Assert.Equal(expected, ExecutableFormat.Describe(header));
    }

    [Fact]
    public void Other_files_are_not_elf()
    {
        Assert.Null(ExecutableFormat.ElfMachine("#!/bin/sh\necho not an ELF file\n"u8));
        Assert.Equal("windows", ExecutableFormat.Describe("MZ\0\0"u8));
        Assert.Equal("unknown", ExecutableFormat.Describe([]));
        Assert.Null(ExecutableFormat.ElfMachine("/nonexistent/file"));
    }

    [Fact]
    public void Platforms_are_found_by_name_and_by_machine_only_as_satchel_spells_them()
    {
        Assert.Same(TargetPlatform.LinuxAarch64, TargetPlatform.Find("linux-aarch64"));
        Assert.Null(TargetPlatform.Find("linux-arm64"));
        Assert.Same(TargetPlatform.LinuxAarch64, TargetPlatform.OfElfMachine(183));
        Assert.Equal("linux-x86_64, linux-aarch64", TargetPlatform.KnownNames);
    }
}
