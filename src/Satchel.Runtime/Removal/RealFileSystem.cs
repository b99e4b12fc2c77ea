namespace Satchel.Runtime.Removal;

/// <summary>The file system of the OS this process runs on.</summary>
public static class RealFileSystem
{
    public static IFileSystem Instance { get; } = OperatingSystem.IsWindows() ? new WindowsFileSystem() : new UnixFileSystem();
}
