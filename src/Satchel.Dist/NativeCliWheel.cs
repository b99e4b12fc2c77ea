using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Satchel.Build.Wheels;

namespace Satchel.Dist;

/// <summary>
/// The wheel that installs the native satchel executable, as ruff's and uv's do (docs/distribution.md):
/// the binary as the script <c>satchel-VERSION.data/scripts/satchel</c>, a <c>satchel</c> package whose
/// <c>__main__</c> runs it (<c>python -m satchel</c>), and the .dist-info (METADATA, WHEEL, RECORD with
/// each member's SHA-256). The tag says what the binary needs: any Python 3 (it calls none), no ABI,
/// the platform given (manylinux_2_17_x86_64: glibc 2.17 or newer on x86_64).
/// </summary>
public sealed class NativeCliWheel(string version, string platformTag, byte[] binary)
{
    public const string Name = "satchel";

    public const string Summary = "Turns a Python application into one executable file.";

    public string Tag => $"py3-none-{platformTag}";

    public string FileName => $"{Name}-{version}-{Tag}.whl";

    private string DistInfo => $"{Name}-{version}.dist-info";

    /// <summary>Package files first, the .dist-info last and RECORD at its end, as wheel builders order them.</summary>
    public IReadOnlyList<WheelMember> Members()
    {
        List<WheelMember> members =
        [
            .. PythonPackage(),
            new($"{Name}-{version}.data/scripts/{Name}", binary, WheelMember.Executable),
            Text($"{DistInfo}/METADATA", $"Metadata-Version: 2.1\nName: {Name}\nVersion: {version}\nSummary: {Summary}\n"),
            Text($"{DistInfo}/WHEEL", $"Wheel-Version: 1.0\nGenerator: satchel-dist {version}\nRoot-Is-Purelib: false\nTag: {Tag}\n"),
        ];
        members.Add(Text($"{DistInfo}/RECORD", Record(members)));
        return members;
    }

    private static WheelMember Text(string path, string text) => new(path, Encoding.UTF8.GetBytes(text), WheelMember.RegularFile);

    private static IEnumerable<WheelMember> PythonPackage()
    {
        var assembly = typeof(NativeCliWheel).Assembly;
        const string Prefix = "python/";
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            yield return new WheelMember(resource[Prefix.Length..], Read(assembly, resource), WheelMember.RegularFile);
        }
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // PEP 376 / 427: path,sha256=<urlsafe base64 without padding>,size; RECORD itself without either.
    private string Record(IEnumerable<WheelMember> members)
    {
        var record = new StringBuilder();
        foreach (var member in members)
        {
            record.Append($"{member.Path},{RecordHash.Sha256}={RecordHash.Encode(SHA256.HashData(member.Content))},{member.Content.Length}\n");
        }
        return record.Append($"{DistInfo}/RECORD,,\n").ToString();
    }
}
