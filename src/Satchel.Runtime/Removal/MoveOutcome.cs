namespace Satchel.Runtime.Removal;

/// <summary>How a <see cref="DirectoryMover.Move(string, string, Diagnostics.Log?)"/> ended.</summary>
public enum MoveOutcome
{
    /// <summary>The source now lives at the destination.</summary>
    Moved,

    /// <summary>Something already sits at the destination (another process won the race); the source is untouched.</summary>
    DestinationExists,
}
