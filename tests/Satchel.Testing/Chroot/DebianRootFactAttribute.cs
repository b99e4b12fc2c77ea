using Xunit;

namespace Satchel.Testing.Chroot;

/// <summary>A fact that runs inside the Debian 11 test root (<see cref="DebianTestRoot"/>): skipped, with the reason shown, where it cannot.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DebianRootFactAttribute : FactAttribute
{
    public DebianRootFactAttribute()
    {
        if (DebianTestRoot.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
