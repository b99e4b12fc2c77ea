using Satchel.Runtime.Diagnostics;

namespace Satchel.Runtime.Removal;

/// <summary>
/// Renames a finished directory into place (a work directory into the cache), retrying the
/// failures that pass by themselves (Windows: a scanner reading the fresh files) with the same
/// back-off and budget as the tree remover. A destination that exists, or appears while we wait,
/// is reported rather than overwritten: another process won and its copy is the one to use.
/// </summary>
public static class DirectoryMover
{
    public static MoveOutcome Move(string source, string destination, Log? log = null) =>
        Move(source, destination, RemovalOptions.Default, log);

    public static MoveOutcome Move(string source, string destination, RemovalOptions options, Log? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var backoff = new Backoff(options.Clock, options.Budget);
        while (true)
        {
            try
            {
                options.FileSystem.Rename(source, destination);
                return MoveOutcome.Moved;
            }
            catch (OsErrorException e) when (e.Error.Kind is OsErrorKind.AlreadyExists or OsErrorKind.NotEmpty)
            {
                return MoveOutcome.DestinationExists;
            }
            catch (OsErrorException e) when (TransientErrors.WhenRenaming(e.Error))
            {
                if (options.FileSystem.Inspect(destination) is not null)
                {
                    return MoveOutcome.DestinationExists;
                }

                if (backoff.NextDelay() is not { } delay)
                {
                    throw;
                }

                log?.Line($"cannot rename {source} to {destination} yet: {e.Error}; retry {backoff.Retries} in {DurationText.WholeMilliseconds(delay)}");
                backoff.Sleep(delay);
            }
        }
    }
}

/// <summary>How a <see cref="DirectoryMover.Move(string, string, Diagnostics.Log?)"/> ended.</summary>
public enum MoveOutcome
{
    /// <summary>The source now lives at the destination.</summary>
    Moved,

    /// <summary>Something already sits at the destination (another process won the race); the source is untouched.</summary>
    DestinationExists,
}
