using Xunit;

namespace Satchel.EndToEnd.Tests.Compatibility;

/// <summary>
/// A theory over the entries of Debian-packaged sets, skipped with the reason shown where pyenv's
/// Python 3.11 is absent (the venvs and apps are made with it) or the Debian packages cannot be
/// had (apt offline and none downloaded before). Deciding that downloads them when missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DebianCompatibilityTheoryAttribute : TheoryAttribute
{
    public DebianCompatibilityTheoryAttribute()
    {
        if ((CompatibilityFixture.SkipReason ?? CompatibilityEntries.DebianSets.Values.Select(s => s.Packages.SkipReason).FirstOrDefault(r => r is not null)) is { } reason)
        {
            Skip = reason;
        }
    }
}
