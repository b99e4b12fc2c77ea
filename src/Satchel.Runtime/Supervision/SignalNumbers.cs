namespace Satchel.Runtime.Supervision;

/// <summary>The signals a temp-mode launcher forwards, with this OS's numbers (Linux, macOS differ for USR1/USR2/CHLD).</summary>
public static class SignalNumbers
{
    public const int Hangup = 1;
    public const int Interrupt = 2;
    public const int Quit = 3;
    public const int Kill = 9;
    public const int Terminate = 15;

    public static int User1 => OperatingSystem.IsMacOS() ? 30 : 10;

    public static int User2 => OperatingSystem.IsMacOS() ? 31 : 12;

    public static int Child => OperatingSystem.IsMacOS() ? 20 : 17;

    /// <summary>Forwarded to the child; any of these may arrive while the launcher supervises.</summary>
    public static int[] Forwarded => [Hangup, Interrupt, Quit, Terminate, User1, User2];

    /// <summary>The first of these starts the grace period after which the child is killed.</summary>
    public static bool IsTerminating(int signal) => signal is Hangup or Interrupt or Quit or Terminate;
}
