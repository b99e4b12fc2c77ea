using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Pack;

/// <summary>
/// The launcher's bytes are added to every app, and its goal is at most 2 MiB (bench/README.md).
/// A framework feature reached by accident (NativeAOT's type loader, double or TimeSpan formatting,
/// StreamReader's encodings) adds tens to hundreds of KB at once; this catches it when it lands.
/// </summary>
public sealed class LauncherSizeTests
{
    private const long Goal = 2 * 1024 * 1024;

    [Fact]
    public void The_launcher_stays_within_its_2_MiB_goal()
    {
        var size = new FileInfo(SatchelCli.Launcher).Length;
        Assert.True(size <= Goal, $"the launcher is {size:N0} bytes, over the {Goal:N0}-byte goal: find what pulled in framework code with -p:IlcGenerateMapFile=true -p:IlcGenerateDgmlFile=true (see bench/README.md)");
    }
}
