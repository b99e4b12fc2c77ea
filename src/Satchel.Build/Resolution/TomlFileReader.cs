using System.Text.Json;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Resolution;

/// <summary>
/// Reads a TOML file through the build interpreter (tomllib, or pip's vendored tomli before
/// Python 3.11) and hands back the document as JSON, so Satchel needs no TOML parser of its own
/// and reads pyproject.toml and pylock.toml exactly as Python's own tools do. An invalid file is
/// exit 65 with the parser's message. It needs no <see cref="PipCommand"/>; an interpreter older
/// than 3.11 without pip can borrow tomli from a pip wheel (<paramref name="pipWheel"/>).
/// </summary>
public sealed class TomlFileReader(BuildInterpreter interpreter, string? pipWheel = null, HostEnvironment? host = null)
{
    private const int InvalidToml = 3;
    private const int NoTomlParser = 4;

    private readonly HostEnvironment _host = host ?? HostEnvironment.Current;

    /// <summary>The parsed document; the caller disposes it.</summary>
    public JsonDocument Read(string path)
    {
        var full = Path.GetFullPath(path, _host.CurrentDirectory);
        var outcome = CapturedProcess.Run(interpreter.Path,
            ["-E", "-s", "-B", "-c", PythonScripts.ReadToml, full, pipWheel ?? string.Empty],
            IsolatedPythonEnvironment.Create(_host), Path.GetDirectoryName(full)!, timeout: ProbeTimeout.Value);
        return outcome.ExitCode switch
        {
            0 => JsonDocument.Parse(outcome.StdOut),
            InvalidToml => throw new SatchelException(ExitCodes.Data, $"{full} is not valid TOML ({PythonFailure.LastLine(outcome.StdErr)}); fix the file"),
            NoTomlParser => throw new SatchelException(ExitCodes.Unavailable, $"{interpreter.Describe()} cannot read {full}: it has neither tomllib nor pip's tomli; pass --python with Python 3.11+ or one with pip"),
            _ => throw new SatchelException(ExitCodes.Unavailable, $"{interpreter.Describe()} failed to read {full} ({PythonFailure.Describe(outcome)}); pass --python PATH to a working interpreter"),
        };
    }
}
