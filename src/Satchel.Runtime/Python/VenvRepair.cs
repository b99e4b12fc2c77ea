using Satchel.Runtime.Cache;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Removal;

namespace Satchel.Runtime.Python;

/// <summary>
/// `SATCHEL_VERIFY=1` for a Python app's venv: the venv is written again into a sibling repair
/// directory exactly as its assembly wrote it, and every directory, link and file of that fresh
/// copy is compared with the cached venv; what is missing or differs is moved into place (one
/// rename, so a starting app sees the old or the new file). Anything else in the venv (bytecode
/// Python wrote) is left alone. Without this, a temp cleaner that deleted the start hook or the .pth
/// broke the app on every start although its units verified.
/// </summary>
public static class VenvRepair
{
    /// <summary>Returns how many entries were put back. <paramref name="assemble"/> writes the venv for <paramref name="final"/> into the directory it is given.</summary>
    public static int Run(string final, Func<string, string> assemble, Log log)
    {
        var fresh = AtomicDirectory.RepairPathFor(final);
        AtomicDirectory.CreateNewPrivateDirectory(fresh);
        try
        {
            assemble(fresh);
            var repaired = new List<string>();
            Compare(fresh, final, repaired, log);
            if (repaired.Count > 0)
            {
                StandardError.WriteLine($"satchel: repaired {repaired.Count} entr{(repaired.Count == 1 ? "y" : "ies")} of the app's venv {final} (first: {repaired[0]})");
            }

            log.Line($"verified the venv {final}: {repaired.Count} entries repaired");
            return repaired.Count;
        }
        finally
        {
            TreeRemover.TryRemove(fresh, out _, log);
        }
    }

    private static void Compare(string freshDir, string finalDir, List<string> repaired, Log log)
    {
        foreach (var source in Directory.EnumerateFileSystemEntries(freshDir))
        {
            var target = Path.Combine(finalDir, Path.GetFileName(source));
            var info = new FileInfo(source);
            if (info.LinkTarget is { } linkTarget)
            {
                if (new FileInfo(target).LinkTarget != linkTarget)
                {
                    Replace(source, target, repaired, log);
                }
            }
            else if (Directory.Exists(source))
            {
                if (new DirectoryInfo(target).LinkTarget is not null || !Directory.Exists(target))
                {
                    CachedUnitRepair.ClearPlanted(target);
                    AtomicDirectory.CreatePrivateDirectory(target);
                    repaired.Add(target);
                }

                Compare(source, target, repaired, log);
            }
            else if (!SameFile(source, target))
            {
                Replace(source, target, repaired, log);
            }
        }
    }

    private static bool SameFile(string source, string target)
    {
        var info = new FileInfo(target);
        if (info.LinkTarget is not null || !info.Exists || info.Length != new FileInfo(source).Length)
        {
            return false;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(source) & UnixFileMode.UserExecute) != (info.UnixFileMode & UnixFileMode.UserExecute))
        {
            return false;
        }

        // Venv files are small (scripts, the boot module, pyvenv.cfg).
        return File.ReadAllBytes(source).AsSpan().SequenceEqual(File.ReadAllBytes(target));
    }

    private static void Replace(string source, string target, List<string> repaired, Log log)
    {
        log.Line($"repairing {target}");
        if (Directory.Exists(target) || new FileInfo(target).LinkTarget is not null)
        {
            CachedUnitRepair.ClearPlanted(target);
        }

        File.Move(source, target, overwrite: true);
        repaired.Add(target);
    }
}
