using Xunit;

namespace Satchel.Testing.Chroot;

/// <summary>
/// A fact that runs inside a Debian test root: the Debian 11 one (<see cref="DebianTestRoot.Debian11"/>),
/// or with <c>"arm64"</c> the arm64 one under qemu (<see cref="DebianTestRoot.Arm64"/>). Skipped, with
/// the reason shown, where it cannot.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DebianRootFactAttribute : FactAttribute
{
    public DebianRootFactAttribute(string arch = "amd64")
    {
        if (DebianTestRoot.ForArch(arch).SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
