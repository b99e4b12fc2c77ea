using System.Text;

namespace Satchel.Benchmarks;

/// <summary>
/// Writes a deterministic tree that looks like an installed Python package to a compressor and
/// to the index: nested packages, many small modules, a few large data files (like botocore's
/// JSON service models).
/// </summary>
public static class SyntheticTree
{
    private static readonly string[] Words =
    [
        "self", "return", "import", "from", "def", "class", "None", "True", "False", "if", "else", "for", "in",
        "client", "session", "request", "response", "operation", "service", "model", "shape", "member",
        "paginator", "waiter", "credentials", "endpoint", "region", "config", "params", "handler", "event",
    ];

    public static (int Files, long Bytes) Write(string root, int files, int seed)
    {
        var random = new Random(seed);
        long bytes = 0;
        for (var i = 0; i < files; i++)
        {
            var dir = Path.Combine(root, $"pkg{i % 7}", $"sub{i % 53}");
            Directory.CreateDirectory(dir);
            var large = i % 97 == 0;
            var text = Module(random, large ? 200_000 : random.Next(300, 9000));
            File.WriteAllText(Path.Combine(dir, large ? $"model_{i}.json" : $"module_{i}.py"), text);
            bytes += text.Length;
        }

        return (files, bytes);
    }

    private static string Module(Random random, int length)
    {
        var text = new StringBuilder(length + 128);
        while (text.Length < length)
        {
            text.Append("def ").Append(Words[random.Next(Words.Length)]).Append('_').Append(random.Next(1000))
                .Append("(self, ").Append(Words[random.Next(Words.Length)]).Append("):\n");
            for (var line = random.Next(1, 6); line > 0; line--)
            {
                text.Append("    ");
                for (var w = random.Next(2, 9); w > 0; w--)
                {
                    text.Append(Words[random.Next(Words.Length)]).Append(w == 1 ? "\n" : " ");
                }
            }
        }

        return text.ToString();
    }
}
