using System.Runtime.InteropServices;
using Satchel.Build.Interruption;

namespace Satchel.Cli.Commands;

/// <summary>
/// While a build, pack or lock runs: the first SIGINT, SIGTERM or SIGHUP asks the build to stop
/// (it kills pip, unwinds, removes its staging directory and exits 128 + the signal's number with
/// one line); a second one of any of them terminates at once, as if nothing were handled (the
/// next build of the same output clears what that leaves).
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;

    private StopSignals(PosixSignalRegistration[] registrations) => _registrations = registrations;

    public static StopSignals Install() => new(
    [
        Register(PosixSignal.SIGINT, 2, "SIGINT"),
        Register(PosixSignal.SIGTERM, 15, "SIGTERM"),
        Register(PosixSignal.SIGHUP, 1, "SIGHUP"),
    ]);

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private static PosixSignalRegistration Register(PosixSignal signal, int number, string name) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            if (BuildInterruption.IsRequested)
            {
                return;
            }

            context.Cancel = true;
            BuildInterruption.Request(number, name);
        });
}
