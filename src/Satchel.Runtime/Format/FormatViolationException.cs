namespace Satchel.Runtime.Format;

/// <summary>A structural error in payload bytes; the caller names the file in the user's message.</summary>
public sealed class FormatViolationException(string message) : Exception(message);
