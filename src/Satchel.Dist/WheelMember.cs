namespace Satchel.Dist;

/// <summary>One file of a wheel: its path in the archive, its bytes, its Unix mode (0644, or 0755 for the executable).</summary>
public sealed record WheelMember(string Path, byte[] Content, int Mode)
{
    public const int RegularFile = 0b110_100_100;

    public const int Executable = 0b111_101_101;
}
