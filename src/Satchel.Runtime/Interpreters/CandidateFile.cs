using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Interpreters;

/// <summary>Resolves a found file to its real path and says whether it can be executed at all.</summary>
internal static class CandidateFile
{
    public static InterpreterCandidate Inspect(string path, string source)
    {
        var real = RealPath(path);
        if (real is null)
        {
            var link = new FileInfo(path);
            return new InterpreterCandidate(path, source, null,
                link.LinkTarget is not null ? "broken link" : "not found");
        }

        if (!File.Exists(real))
        {
            return new InterpreterCandidate(path, source, real, "not a file");
        }

        return OperatingSystem.IsWindows() || AccessCheck.CanExecute(real)
            ? new InterpreterCandidate(path, source, real, null)
            : new InterpreterCandidate(path, source, real, "not executable");
    }

    /// <summary>realpath(3) without throwing: null when a component is missing or a link dangles.</summary>
    public static string? RealPath(string path) => Files.RealPath.TryResolve(path);

    /// <summary>Whether a file starts with "#!": a script, which for a pyenv shim must be resolved rather than run.</summary>
    public static string? ScriptHead(string realPath)
    {
        try
        {
            using var stream = new FileStream(realPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            var buffer = new byte[2048];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return read >= 2 && buffer[0] == '#' && buffer[1] == '!' ? System.Text.Encoding.UTF8.GetString(buffer, 0, read) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
