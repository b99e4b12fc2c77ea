using Satchel.Runtime.Configuration;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Errors;

/// <summary>Why exec or spawn could not start a program, in the user's terms: for the launcher's exec and temp mode's spawn alike.</summary>
public static class StartFailure
{
    /// <summary>Why <paramref name="program"/> could not be started; <paramref name="placeVariable"/> moves the files elsewhere.</summary>
    public static string Describe(string program, int errno, string placeVariable = SatchelVariables.Root) => errno switch
    {
        2 => $"cannot run {program}: it does not exist; the cached copy was modified: run with {SatchelVariables.Verify}=1 or delete it from the cache",
        8 => $"cannot run {program}: it is not an executable format the system knows (a script needs a '#!' line)",
        13 => $"cannot run {program}: permission denied; is the file executable, and is the cache on a file system mounted noexec? (set {placeVariable} elsewhere)",
        _ => $"cannot run {program}: {LibC.StrError(errno)}",
    };
}
