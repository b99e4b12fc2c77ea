using Satchel.Build.Resolution;

namespace Satchel.Build.Caching;

/// <summary>
/// A build interpreter as build cache keys name it: implementation, version and binary (real path,
/// size, modification time), so a Python reinstalled or rebuilt in place is another interpreter.
/// </summary>
public static class InterpreterIdentity
{
    public static string Of(BuildInterpreter interpreter)
    {
        var binary = new FileInfo(interpreter.Path);
        var real = binary.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? binary;
        return $"{interpreter.Implementation} {interpreter.VersionText} {real.FullName} {real.Length} {real.LastWriteTimeUtc.Ticks}";
    }
}
