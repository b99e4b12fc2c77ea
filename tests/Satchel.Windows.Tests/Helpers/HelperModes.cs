namespace Satchel.Windows.Tests.Helpers;

/// <summary>The second processes the cases need, one mode each (see the classes named in the switch).</summary>
internal static class HelperModes
{
    public static int Run(string mode, string[] args) => mode switch
    {
        "hold" => FileHolder.Hold(args),
        "delete-pending" => FileHolder.HoldDeletePending(args),
        "stay" => FileHolder.Stay(args),
        "extract" => Extractor.Extract(args),
        "extract-and-hang" => Extractor.ExtractAndHang(args),
        "argv" => ChildModes.WriteArgv(args),
        "exit" => ChildModes.Exit(args),
        "await-ctrl-c" => ChildModes.AwaitCtrlC(args),
        "temp-launcher" => TempLauncherHost.Run(args),
        _ => throw new ArgumentException($"unknown helper mode {mode}"),
    };
}
