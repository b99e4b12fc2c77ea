using Satchel.Runtime.Format;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Python;

/// <summary>
/// The files of a complete venv without which its app would start wrong rather than fail: without
/// pyvenv.cfg Python runs as the base interpreter, without the .pth or the start hook it lacks the
/// app's paths or its argv[0], without the entry's script there is nothing to run. A temp cleaner
/// or a stray rm can take them while the venv's marker stays. Checked by the launcher on every
/// start, before Python runs (a few lstat calls), so nothing of the check sits under the entry.
/// </summary>
public static class VenvHealth
{
    /// <summary>The first of the venv's vital files that is missing, or null when all are there.</summary>
    public static string? MissingFile(string venv, PythonInterpreter interpreter, PayloadHeader header)
    {
        foreach (var file in VitalFiles(venv, interpreter, header))
        {
            var present = UnixFileStatus.TypeOf(file) is { } type ? type == UnixFileStatus.RegularType : File.Exists(file);
            if (!present)
            {
                return file;
            }
        }

        return null;
    }

    /// <summary>The files checked (regular files, a link not followed); the warm-start stub checks the same ones.</summary>
    public static string[] VitalFiles(string venv, PythonInterpreter interpreter, PayloadHeader header)
    {
        var sitePackages = VenvAssembler.SitePackages(venv, interpreter.MajorMinor);
        var python = header.Launch.Python!;
        var entry = python.EntryKind switch
        {
            PythonEntryKind.Callable => VenvAssembler.CallableScript(venv, header),
            PythonEntryKind.VenvScript or PythonEntryKind.VenvExecutable => Path.Combine(venv, "bin", python.Entry),
            _ => null,
        };
        return entry is null
            ? [Path.Combine(venv, "pyvenv.cfg"), Path.Combine(sitePackages, VenvAssembler.PthFile), Path.Combine(sitePackages, StartHook.FileName)]
            : [Path.Combine(venv, "pyvenv.cfg"), Path.Combine(sitePackages, VenvAssembler.PthFile), Path.Combine(sitePackages, StartHook.FileName), entry];
    }
}
