using Satchel.Runtime.Cache;

namespace Satchel.Runtime.Python;

/// <summary>Writes an executable script into a venv's bin/ (0700, created exclusively).</summary>
public static class ScriptWriter
{
    public static void Write(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = CacheModes.ExecutableMode;
        }

        using var stream = new FileStream(path, options);
        stream.Write(content);
    }
}
