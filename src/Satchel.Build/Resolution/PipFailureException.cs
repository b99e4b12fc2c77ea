using Satchel.Runtime.Errors;

namespace Satchel.Build.Resolution;

/// <summary>
/// pip ended with an error. The message is the usual one line (pip's key error line quoted);
/// <see cref="Output"/> is everything pip printed and <see cref="LogPath"/> its full debug log,
/// for --verbose and for bug reports.
/// </summary>
public sealed class PipFailureException(int exitCode, string message, string output, string logPath)
    : SatchelException(exitCode, message)
{
    public string Output { get; } = output;

    public string LogPath { get; } = logPath;
}
