namespace Satchel.Testing;

/// <summary>
/// The real `satchel` CLI and launcher as built for the tests: the test projects reference the
/// CLI project, so its apphost and the NativeAOT launcher sit in the test output directory.
/// </summary>
public static class SatchelCli
{
    public static string Binary => Find("satchel");

    public static string Launcher => Find("satchel-launcher");

    public static ProcessResult Run(IEnumerable<string> args, IDictionary<string, string?>? environment = null, string? workingDirectory = null) =>
        ProcessRunner.Run(Binary, args, environment, workingDirectory: workingDirectory);

    private static string Find(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{name} is not in the test output ({AppContext.BaseDirectory}); does the test project reference Satchel.Cli?");
    }
}
