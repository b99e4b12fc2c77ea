using Satchel.Runtime.Errors;

namespace Satchel.Runtime.Removal;

/// <summary>
/// A tree could not be removed completely (exit 74). The message is one line: the path asked
/// for, where the remains are (the tombstone, if the tree was moved aside), every path that is
/// left with its OS error (the first <see cref="ListedInMessage"/>; <see cref="Failures"/> has
/// all), and what to do.
/// </summary>
public sealed class RemovalFailedException : SatchelException
{
    public const int ListedInMessage = 20;

    public RemovalFailedException(string requestedPath, string location, IReadOnlyList<RemovalFailure> failures)
        : base(ExitCodes.IoError, Format(requestedPath, location, failures))
    {
        RequestedPath = requestedPath;
        Location = location;
        Failures = failures;
    }

    /// <summary>The path that was to be removed.</summary>
    public string RequestedPath { get; }

    /// <summary>Where what is left lives: the tombstone, or <see cref="RequestedPath"/> if it could not be moved aside.</summary>
    public string Location { get; }

    /// <summary>Every path left behind, with its error; directories left only because of a failed descendant are not listed.</summary>
    public IReadOnlyList<RemovalFailure> Failures { get; }

    /// <summary>The tree was moved aside, so the requested path is free even though removal failed.</summary>
    public bool RequestedPathFreed => !string.Equals(Location, RequestedPath, StringComparison.Ordinal);

    private static string Format(string requested, string location, IReadOnlyList<RemovalFailure> failures)
    {
        var moved = string.Equals(requested, location, StringComparison.Ordinal) ? string.Empty : $" (moved aside to {location})";
        var listed = string.Join("; ", failures.Count > ListedInMessage ? ((List<RemovalFailure>)[.. failures]).GetRange(0, ListedInMessage) : failures);
        var more = failures.Count > ListedInMessage ? $"; and {failures.Count - ListedInMessage} more (--verbose lists all)" : string.Empty;
        var noun = failures.Count == 1 ? "path" : "paths";
        return $"cannot remove {requested}{moved}: {failures.Count} {noun} left: {listed}{more}; {RemovalHint.For([.. failures])}";
    }
}

/// <summary>One path the remover could not remove, with the last OS error it got for it.</summary>
public sealed record RemovalFailure(string Path, OsError Error)
{
    public override string ToString() => $"{Path} ({Error})";
}
