using System.Reflection;
using System.Security.Cryptography;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Platforms;

namespace Satchel.Build.Packing;

/// <summary>
/// The launchers carried inside the satchel executable itself (docs/distribution.md): Satchel.Cli.csproj
/// embeds each launcher it built as the resource <c>satchel-launcher/RID</c>, with its SHA-256 (hex) as
/// <c>satchel-launcher/RID.sha256</c>, so the one native file is all a user needs. The digest is checked
/// before the bytes are used: a damaged executable must not put a damaged launcher into every app.
/// </summary>
public static class EmbeddedLaunchers
{
    public const string ResourcePrefix = "satchel-launcher/";

    /// <summary>The launcher for <paramref name="runtimeIdentifier"/> embedded in the running program, or null when it carries none.</summary>
    public static LauncherImage? Find(string runtimeIdentifier) => Find(Assembly.GetEntryAssembly(), runtimeIdentifier);

    public static LauncherImage? Find(Assembly? carrier, string runtimeIdentifier)
    {
        var name = ResourcePrefix + runtimeIdentifier;
        using var launcher = carrier?.GetManifestResourceStream(name);
        if (launcher is null)
        {
            return null;
        }

        var origin = $"the {runtimeIdentifier} launcher embedded in {Environment.ProcessPath ?? "satchel"}";
        using var digest = carrier!.GetManifestResourceStream(name + ".sha256");
        var expected = digest is null ? null : new StreamReader(digest).ReadToEnd().Trim();
        var bytes = new byte[launcher.Length];
        launcher.ReadExactly(bytes);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new SatchelException(ExitCodes.Software,
                $"{origin} is damaged (SHA-256 {actual}, recorded {expected ?? "nothing"}): reinstall satchel, or pass --launcher PATH");
        }
        return new LauncherImage(bytes, origin);
    }
}
