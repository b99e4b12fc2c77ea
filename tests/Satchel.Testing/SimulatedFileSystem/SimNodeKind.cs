namespace Satchel.Testing.SimulatedFileSystem;

/// <summary>What a simulated entry is.</summary>
internal enum SimNodeKind
{
    File,
    Directory,
    Link,
}
