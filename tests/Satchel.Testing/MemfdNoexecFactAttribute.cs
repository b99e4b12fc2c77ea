using Xunit;

namespace Satchel.Testing;

/// <summary>
/// A fact that forbids executing memfds (vm.memfd_noexec=2, Linux 6.3 and later) in a pid namespace
/// of its own: needs root and such a kernel, skipped with the reason otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MemfdNoexecFactAttribute : FactAttribute
{
    public MemfdNoexecFactAttribute()
    {
        if (RootPrivileges.SkipReason is { } reason)
        {
            Skip = reason;
        }
        else if (!File.Exists("/proc/sys/vm/memfd_noexec"))
        {
            Skip = "this kernel has no vm.memfd_noexec (Linux 6.3 and later)";
        }
    }
}
