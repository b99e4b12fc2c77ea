namespace Satchel.Build.Packing;

/// <summary>
/// The launcher bytes that go at the front of an app, and where they came from (a path, or the
/// launcher embedded in the native satchel CLI), for messages.
/// </summary>
public sealed record LauncherImage(byte[] Bytes, string Origin);
