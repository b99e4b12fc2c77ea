namespace Satchel.Runtime.Format;

/// <summary>
/// A structural error in payload bytes; the caller names the file in the user's message.
/// <see cref="EntryPath"/> is the unit path of the entry at fault where there is one, so a
/// build can name the file the user gave instead of its place inside the unit.
/// </summary>
public sealed class FormatViolationException(string message, string? entryPath = null) : Exception(message)
{
    public string? EntryPath { get; } = entryPath;
}
