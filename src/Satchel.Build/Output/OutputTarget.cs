using Satchel.Runtime.Errors;

namespace Satchel.Build.Output;

/// <summary>Checks a build's output path before any work, so a wrong -o fails at once with a clear line.</summary>
internal static class OutputTarget
{
    /// <summary>The full path of <paramref name="path"/>, if it can become an output file.</summary>
    public static string Check(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (Directory.Exists(full))
        {
            throw new SatchelException(ExitCodes.CantCreate, $"{full} is a directory; name an output file with -o");
        }

        if (!Directory.Exists(directory))
        {
            throw new SatchelException(ExitCodes.CantCreate, $"cannot write {full}: directory {directory} does not exist");
        }

        return full;
    }
}
