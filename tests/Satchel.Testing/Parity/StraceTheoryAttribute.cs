using Xunit;

namespace Satchel.Testing.Parity;

/// <summary>A theory that traces processes with strace: skipped, with the reason shown, where strace is not installed (scripts/install-test-prerequisites installs it).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StraceTheoryAttribute : TheoryAttribute
{
    public StraceTheoryAttribute()
    {
        if (SyscallTrace.Program is null)
        {
            Skip = "strace is not installed (scripts/install-test-prerequisites installs it as root)";
        }
    }
}
