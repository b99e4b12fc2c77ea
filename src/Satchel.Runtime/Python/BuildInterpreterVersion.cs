using Satchel.Runtime.Format;
using Satchel.Runtime.Interpreters;

namespace Satchel.Runtime.Python;

/// <summary>
/// The full version of the interpreter an app was built with, from the build provenance (header
/// field 8, "cpython 3.11.7"): among the interpreters that satisfy the app's requirement, one of
/// that version runs the app as it ran at build time. Only the version is recorded, never a path,
/// so builds stay reproducible. Null when the header has no such field or it does not parse: then
/// discovery order alone decides.
/// </summary>
public static class BuildInterpreterVersion
{
    public static PythonVersion? From(ReadOnlySpan<byte> header)
    {
        BuildProvenance? provenance;
        try
        {
            provenance = BuildProvenance.FromHeader(header);
        }
        catch (FormatViolationException)
        {
            return null;
        }

        var text = provenance?.BuildInterpreter;
        if (text is not null && text.Contains(',', StringComparison.Ordinal))
        {
            return null; // several build interpreters ("cpython 3.9.18, cpython 3.11.7"): no one version to prefer
        }

        var space = text?.LastIndexOf(' ') ?? -1;
        return space > 0 && PythonVersion.TryParse(text![(space + 1)..], out var version, out _) ? version : null;
    }
}
