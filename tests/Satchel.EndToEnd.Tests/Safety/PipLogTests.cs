using Satchel.Testing;
using Xunit;

namespace Satchel.EndToEnd.Tests.Safety;

/// <summary>When pip fails, its full log is kept beside the output as OUT.pip.log and the error names that file (it used to name a file inside the removed staging directory).</summary>
public sealed class PipLogTests : IDisposable
{
    private readonly TempDirectory _dir = new("satchel-piplog");

    [Fact]
    public void A_failed_resolution_keeps_pips_log_beside_the_output_and_names_it()
    {
        Directory.CreateDirectory(_dir.Combine("empty"));
        Directory.CreateDirectory(_dir.Combine("out"));
        _dir.Write("s.py", "print('x')\n");
        var output = _dir.Combine("out", "app");

        var result = SatchelCli.Run(["build", "--python", RealPythons.Python311, "--no-index", "-f", _dir.Combine("empty"), "no-such-project-anywhere", "--script", _dir.Combine("s.py"), "-o", output]);

        Assert.True(result.ExitCode == 65, result.ToString());
        Assert.Contains(output + ".pip.log", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(["app.pip.log"], Directory.EnumerateFileSystemEntries(_dir.Combine("out")).Select(Path.GetFileName));
        Assert.Contains("no-such-project-anywhere", File.ReadAllText(output + ".pip.log"), StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
