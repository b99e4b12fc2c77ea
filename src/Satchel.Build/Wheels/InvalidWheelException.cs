using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;

namespace Satchel.Build.Wheels;

/// <summary>
/// A wheel that is malformed or unsafe (exit 65). The whole wheel is refused: the message names
/// the wheel, what is wrong and, when one member is to blame, that member.
/// </summary>
public sealed class InvalidWheelException(string wheelPath, string what, string? member = null)
    : SatchelException(ExitCodes.Data,
        $"{wheelPath}: {what}"
        + (member is null ? string.Empty : $" ('{EntryPathRules.Printable(member)}')")
        + "; the wheel is damaged or unsafe: rebuild it, or download it again from its source")
{
    public string WheelPath { get; } = wheelPath;

    /// <summary>The archive member (or RECORD path) at fault, when there is one.</summary>
    public string? Member { get; } = member;
}
