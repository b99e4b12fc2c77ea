namespace Satchel.Build.Resolution;

/// <summary>The Python helper scripts shipped inside this assembly, passed to the interpreter with -c.</summary>
internal static class PythonScripts
{
    public static string ProbeInterpreter { get; } = Load("probe_interpreter.py");

    public static string ReadToml { get; } = Load("read_toml.py");

    public static string CheckEntry { get; } = Load("check_entry.py");

    private static string Load(string name)
    {
        var resource = "Satchel.Build.Resolution.Python." + name;
        using var stream = typeof(PythonScripts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"resource {resource} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
