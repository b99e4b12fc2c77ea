using Satchel.Build.Wheels;

namespace Satchel.Build.Python;

/// <summary>
/// What an installed wheel's tags demand of the run-time interpreter, as a PEP 440 specifier:
/// `cp311-cp311-…` needs `==3.11.*`, `cp38-abi3-…` needs `>=3.8`, `py3-none-any` nothing.
/// </summary>
public static class WheelInterpreterSpecifier
{
    /// <summary>The specifier, or null when the wheel runs on any Python 3 (or its tags allow several disjoint versions).</summary>
    public static string? For(InstalledWheel wheel)
    {
        var requirements = wheel.Tags
            .Select(t => t.Requirement)
            .Where(r => r is { Implementation: not WheelTagRequirement.AnyImplementation, Minor: not null })
            .Select(r => r!.MinorIsMinimum ? $">={r.Major}.{r.Minor}" : $"=={r.Major}.{r.Minor}.*")
            .Distinct()
            .ToList();
        return requirements.Count == 1 ? requirements[0] : null;
    }
}
