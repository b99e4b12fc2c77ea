using Satchel.Testing;
using Satchel.Testing.Wheels;

namespace Satchel.EndToEnd.Tests.Safety;

/// <summary>The bench's large app: awscli's dependency closure re-packed from Python 3.11 into one find-links folder.</summary>
public sealed class AwscliWheelsFixture : IDisposable
{
    public static readonly string[] Closure =
        ["awscli", "botocore", "s3transfer", "docutils", "pyyaml", "colorama", "rsa", "pyasn1", "jmespath", "python-dateutil", "six", "urllib3"];

    private readonly TempDirectory _dir = new("satchel-awswheels");

    public AwscliWheelsFixture()
    {
        InstalledDistributionWheels.CopyInto(Wheels, Closure);
    }

    public string Wheels => _dir.Combine("wheels");

    public void Dispose() => _dir.Dispose();
}
