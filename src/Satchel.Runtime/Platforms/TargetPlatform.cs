using System.Runtime.InteropServices;

namespace Satchel.Runtime.Platforms;

/// <summary>
/// A machine apps are built for (`--platform`): its name as satchel spells it, the .NET runtime
/// identifier its launcher is published for, the machine name os.uname() reports there (what
/// interpreter requirements and wheel tags say) and the ELF machine number its executables carry.
/// </summary>
public sealed class TargetPlatform
{
    private TargetPlatform(string name, string runtimeIdentifier, string machine, ushort elfMachine)
    {
        Name = name;
        RuntimeIdentifier = runtimeIdentifier;
        Machine = machine;
        ElfMachine = elfMachine;
    }

    public static TargetPlatform LinuxX8664 { get; } = new("linux-x86_64", "linux-x64", "x86_64", 62);

    public static TargetPlatform LinuxAarch64 { get; } = new("linux-aarch64", "linux-arm64", "aarch64", 183);

    public static IReadOnlyList<TargetPlatform> All { get; } = [LinuxX8664, LinuxAarch64];

    /// <summary>The known names, for messages: "linux-x86_64, linux-aarch64".</summary>
    public static string KnownNames => $"{LinuxX8664.Name}, {LinuxAarch64.Name}";

    /// <summary>The machine satchel runs on, when it is one of <see cref="All"/> (null on Windows and macOS).</summary>
    public static TargetPlatform? Host { get; } = !OperatingSystem.IsLinux() ? null : RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => LinuxX8664,
        Architecture.Arm64 => LinuxAarch64,
        _ => null,
    };

    /// <summary>"linux-x86_64", "linux-aarch64".</summary>
    public string Name { get; }

    /// <summary>"linux-x64", "linux-arm64": where its launcher is published.</summary>
    public string RuntimeIdentifier { get; }

    /// <summary>"x86_64", "aarch64": os.uname().machine there.</summary>
    public string Machine { get; }

    /// <summary>e_machine of its ELF executables (EM_X86_64 62, EM_AARCH64 183).</summary>
    public ushort ElfMachine { get; }

    // Plain loops: this code is in every launcher, which has no LINQ (Satchel.Runtime.csproj).
    public static TargetPlatform? Find(string name)
    {
        foreach (var platform in All)
        {
            if (platform.Name == name)
            {
                return platform;
            }
        }

        return null;
    }

    public static TargetPlatform? OfElfMachine(ushort elfMachine)
    {
        foreach (var platform in All)
        {
            if (platform.ElfMachine == elfMachine)
            {
                return platform;
            }
        }

        return null;
    }

    public override string ToString() => Name;
}
