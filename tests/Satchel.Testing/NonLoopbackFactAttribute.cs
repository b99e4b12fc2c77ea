using Satchel.Testing.PackageIndex;
using Xunit;

namespace Satchel.Testing;

/// <summary>A fact that needs an IPv4 address of this machine other than loopback: skipped, with the reason shown, where there is none.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NonLoopbackFactAttribute : FactAttribute
{
    public NonLoopbackFactAttribute()
    {
        if (SimpleIndexServer.NonLoopbackAddress() is null)
        {
            Skip = "this machine has no IPv4 address other than loopback to serve an untrusted index on";
        }
    }
}
