using Xunit;

namespace Satchel.Testing;

/// <summary>A fact that needs root (mounts, chattr, chown): skipped, with the reason shown, where the suite does not run as root.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (RootPrivileges.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
