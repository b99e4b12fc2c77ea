namespace Satchel.Runtime.Interpreters;

/// <summary>
/// Machine names as different systems spell them: Linux says x86_64 and aarch64, macOS arm64,
/// Windows AMD64 and ARM64. Requirements compare them as the same machine.
/// </summary>
internal static class MachineNames
{
    public static bool Same(string a, string b) => Canonical(a) == Canonical(b);

    private static string Canonical(string name) => name.ToLowerInvariant() switch
    {
        "amd64" or "x64" => "x86_64",
        "arm64" => "aarch64",
        "i386" or "i486" or "i586" or "i686" or "x86" => "x86",
        var other => other,
    };
}
