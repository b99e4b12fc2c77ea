using Xunit;

namespace Satchel.EndToEnd.Tests.Compatibility;

/// <summary>A theory skipped, with the reason shown, where pyenv's Python 3.11 and its installed distributions are absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CompatibilityTheoryAttribute : TheoryAttribute
{
    public CompatibilityTheoryAttribute()
    {
        if (CompatibilityFixture.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
