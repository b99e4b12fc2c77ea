using Xunit;

namespace Satchel.Windows.Tests.Host;

/// <summary>One temp-mode launcher (the `temp-launcher` helper) and its child, seen from the case.</summary>
internal sealed class TempRun : IDisposable
{
    private readonly HelperProcess _launcher;

    private TempRun(HelperProcess launcher, Handshake handshake)
    {
        _launcher = launcher;
        Handshake = handshake;
    }

    public Handshake Handshake { get; }

    /// <summary>The run directory the launcher made (known once the child is ready).</summary>
    public string RunDirectory => File.ReadAllText(Path.Combine(Handshake.Directory, "run-dir"));

    public static TempRun Start(string handshakeDirectory, TimeSpan grace, params string[] child)
    {
        var handshake = new Handshake(handshakeDirectory);
        var milliseconds = ((int)grace.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new TempRun(HelperProcess.Start("temp-launcher", [handshake.Directory, milliseconds, .. child]), handshake);
    }

    /// <summary>Waits until the launcher's child said it is ready; returns what it said (its pid).</summary>
    public string WaitUntilChildReady() => Handshake.WaitUntilReady(_launcher);

    /// <summary>Waits for the launcher to end: its exit code, after checking that it removed its run directory.</summary>
    public int WaitForExit()
    {
        var code = _launcher.WaitForExit(Handshake.Deadline);
        var runDirectory = RunDirectory;
        Assert.False(Directory.Exists(runDirectory), $"the run directory {runDirectory} is still there");
        Assert.Empty(Satchel.Runtime.Removal.Tombstone.LeftBeside(runDirectory));
        return code;
    }

    public void Dispose() => _launcher.Dispose();
}
