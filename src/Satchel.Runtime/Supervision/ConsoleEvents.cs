namespace Satchel.Runtime.Supervision;

/// <summary>
/// Windows console control events as the supervisor sees them: each is mapped to the POSIX
/// signal with the same meaning. Every process attached to the console gets the event itself,
/// so the launcher never forwards it; it only starts the grace period after which the app's job
/// is terminated.
/// </summary>
public static class ConsoleEvents
{
    public const int CtrlC = 0;
    public const int CtrlBreak = 1;
    public const int Close = 2;
    public const int Logoff = 5;
    public const int Shutdown = 6;

    /// <summary>The signal an event stands for; 0 for an event the launcher does not know.</summary>
    public static int ToSignal(int consoleEvent) => consoleEvent switch
    {
        CtrlC => SignalNumbers.Interrupt,
        CtrlBreak => SignalNumbers.Quit,
        Close => SignalNumbers.Hangup,
        Logoff or Shutdown => SignalNumbers.Terminate,
        _ => 0,
    };

    public static SupervisionEvent ToEvent(int consoleEvent) =>
        ToSignal(consoleEvent) is var signal and > 0 ? SupervisionEvent.Received(signal, alreadyDelivered: true) : SupervisionEvent.Nothing;
}
