using Satchel.Runtime.Errors;

namespace Satchel.Build.Interruption;

/// <summary>The build stopped on a signal; the exit code is 128 + the signal's number, as a shell reports it.</summary>
public sealed class BuildInterruptedException(int exitCode, string signalName)
    : SatchelException(exitCode, $"interrupted by {signalName}; no output was written; run the command again to build")
{
    public string SignalName { get; } = signalName;
}
