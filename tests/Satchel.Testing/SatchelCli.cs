namespace Satchel.Testing;

/// <summary>
/// The real `satchel` CLI and launchers as built for the tests: the test projects reference the
/// CLI project, so its apphost and the NativeAOT launchers (launchers/RID/satchel-launcher) sit in
/// the test output directory.
/// </summary>
public static class SatchelCli
{
    public static string Binary => Find("satchel");

    /// <summary>The launcher for this machine.</summary>
    public static string Launcher => LauncherFor(System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier);

    /// <summary>The launcher the CLI carries for <paramref name="runtimeIdentifier"/> ("linux-x64", "linux-arm64").</summary>
    public static string LauncherFor(string runtimeIdentifier) => Find(Path.Combine("launchers", runtimeIdentifier, "satchel-launcher"));

    public static ProcessResult Run(IEnumerable<string> args, IDictionary<string, string?>? environment = null, string? workingDirectory = null) =>
        ProcessRunner.Run(Binary, args, environment, workingDirectory: workingDirectory);

    private static string Find(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{name} is not in the test output ({AppContext.BaseDirectory}); does the test project reference Satchel.Cli?");
    }
}
