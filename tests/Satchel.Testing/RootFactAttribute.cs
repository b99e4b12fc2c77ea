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

    /// <summary>The fact traces system calls too: skipped where strace is missing.</summary>
    public bool NeedsStrace
    {
        get => Strace.Binary is not null;
        init
        {
            if (value && Strace.Binary is null)
            {
                Skip ??= "strace is not installed (scripts/install-test-prerequisites installs it when run as root)";
            }
        }
    }
}
