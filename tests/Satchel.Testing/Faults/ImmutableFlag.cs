namespace Satchel.Testing.Faults;

/// <summary>
/// The immutable attribute (root only): a file that even root cannot delete (EPERM) until
/// `chattr -i`. Tests clear it over their whole temp directory in clean-up, wherever the file
/// was moved to.
/// </summary>
public static class ImmutableFlag
{
    public static void Set(string path)
    {
        var result = ProcessRunner.Run("chattr", ["+i", path]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"chattr +i {path} failed: {result}");
        }
    }

    /// <summary>Clears the flag on everything under <paramref name="root"/> (errors on links and special files ignored).</summary>
    public static void ClearUnder(string root)
    {
        if (Directory.Exists(root))
        {
            ProcessRunner.Run("chattr", ["-R", "-f", "-i", root]);
        }
    }
}
