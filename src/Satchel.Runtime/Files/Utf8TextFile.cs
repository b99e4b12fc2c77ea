using System.Text;
using Satchel.Runtime.Posix;

namespace Satchel.Runtime.Files;

/// <summary>
/// Reads a small UTF-8 text file (a UTF-8 byte-order mark is skipped, invalid bytes become U+FFFD)
/// the way File.ReadAllText and File.ReadAllLines do for such files. Not those: their
/// StreamReader sniffs UTF-16 and UTF-32 byte-order marks, which links both encodings into the
/// launcher (~20 KB on every app) for files that are UTF-8 by definition (entry_points.txt, pyenv's
/// version file, Satchel's own records).
/// </summary>
public static class Utf8TextFile
{
    /// <summary>The whole file as text. Throws what File.ReadAllBytes throws (read with <see cref="PosixFile"/> on Unix: the launcher reads its interpreter records on every start).</summary>
    public static string ReadAllText(string path)
    {
        ReadOnlySpan<byte> bytes = OperatingSystem.IsWindows() ? File.ReadAllBytes(path) : PosixFile.ReadAll(path);
        return Encoding.UTF8.GetString(bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes);
    }

    /// <summary>The file's lines, split at "\r\n", "\r" or "\n" as StreamReader.ReadLine splits them (no empty line after a final break).</summary>
    public static List<string> ReadAllLines(string path)
    {
        var text = ReadAllText(path);
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.AsSpan(start).IndexOfAny('\r', '\n');
            if (end < 0)
            {
                lines.Add(text[start..]);
                break;
            }

            end += start;
            lines.Add(text[start..end]);
            start = end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);
        }

        return lines;
    }
}
