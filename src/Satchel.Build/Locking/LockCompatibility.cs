using Satchel.Build.Resolution;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Interpreters;

namespace Satchel.Build.Locking;

/// <summary>
/// A lock is resolved for one Python: building from it with a build interpreter its
/// requires-python excludes would install wheels made for another version, so it stops at once.
/// </summary>
public static class LockCompatibility
{
    public static void Check(PylockDocument document, string lockPath, BuildInterpreter interpreter)
    {
        if (document.RequiresPython is not { } text)
        {
            return;
        }

        if (!SpecifierSet.TryParse(text, out var set, out var error))
        {
            throw new SatchelException(ExitCodes.Data, $"{Path.GetFullPath(lockPath)}: requires-python '{text}' is not a PEP 440 specifier ({error}); fix the lock or run `satchel lock` again");
        }

        if (!set.Contains(PythonVersion.Parse(interpreter.VersionText), allowPrereleases: true))
        {
            throw new SatchelException(ExitCodes.Usage,
                $"{Path.GetFullPath(lockPath)} requires Python {text}, but the build interpreter is {interpreter.Describe()}; pass --python with a matching one, or lock again with this one");
        }
    }
}
