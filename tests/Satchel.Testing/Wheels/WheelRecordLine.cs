using System.Buffers.Text;
using System.Security.Cryptography;

namespace Satchel.Testing.Wheels;

/// <summary>
/// RECORD lines as wheel builders write them (sha256, URL-safe base64 without padding). Written
/// here independently of Satchel.Build so that a bug in the installer's RECORD code cannot cancel
/// out in the tests.
/// </summary>
public static class WheelRecordLine
{
    public static string Hash(ReadOnlySpan<byte> content) => "sha256=" + Base64Url.EncodeToString(SHA256.HashData(content));

    public static string For(string path, ReadOnlySpan<byte> content) => $"{Csv(path)},{Hash(content)},{content.Length}";

    /// <summary>Python's csv writer quotes a field holding a comma, a quote or a line break.</summary>
    public static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
