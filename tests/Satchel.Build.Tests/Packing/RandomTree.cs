namespace Satchel.Build.Tests.Packing;

/// <summary>
/// Builds a random directory tree from a seed: empty and non-empty files, empty directories,
/// deep paths, unicode names, executable bits, relative symlinks to files and to directories.
/// </summary>
internal static class RandomTree
{
    private static readonly string[] Names =
    [
        "a", "b.txt", "ünïcødé", "日本語", "spaces in name", "x.py", "__init__.py", "data.bin", "-dash", ".hidden",
        "very_long_name_" + new string('n', 60), "emoji_🙂", "Z", "é", "e\u0301x",
    ];

    public static void Create(string root, int seed)
    {
        var random = new Random(seed);
        var dirs = new List<string> { string.Empty };
        var files = new List<string>();
        var count = random.Next(0, 40);
        for (var i = 0; i < count; i++)
        {
            var parent = dirs[random.Next(dirs.Count)];
            var name = Names[random.Next(Names.Length)] + (random.Next(3) == 0 ? i.ToString() : string.Empty);
            var relative = parent.Length == 0 ? name : parent + "/" + name;
            var full = Path.Combine(root, relative);
            if (Directory.Exists(full) || File.Exists(full) || IsLink(full) || CollidesIgnoringCase(root, relative))
            {
                continue;
            }

            switch (random.Next(6))
            {
                case 0:
                case 1:
                    Directory.CreateDirectory(full);
                    dirs.Add(relative);
                    break;
                case 2:
                case 3:
                    var size = random.Next(10) switch { 0 or 1 => 0, < 6 => random.Next(1, 100), < 9 => random.Next(100, 70_000), _ => random.Next(300_000, 1_200_000) };
                    var bytes = new byte[size];
                    // Half compressible text, half noise, so blocks see both.
                    if (random.Next(2) == 0)
                    {
                        random.NextBytes(bytes);
                    }
                    else
                    {
                        for (var b = 0; b < size; b++)
                        {
                            bytes[b] = (byte)('a' + (b * 7 % 26));
                        }
                    }

                    File.WriteAllBytes(full, bytes);
                    if (random.Next(3) == 0)
                    {
                        File.SetUnixFileMode(full, (UnixFileMode)0b111_101_101);
                    }

                    files.Add(relative);
                    break;
                default:
                    var targets = files.Concat(dirs.Where(d => d.Length > 0)).ToList();
                    if (targets.Count == 0)
                    {
                        break;
                    }

                    var target = targets[random.Next(targets.Count)];
                    File.CreateSymbolicLink(full, RelativeTarget(parent, target));
                    break;
            }
        }
    }

    private static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    private static bool CollidesIgnoringCase(string root, string relative)
    {
        var parent = Path.GetDirectoryName(Path.Combine(root, relative))!;
        var name = Path.GetFileName(relative);
        return Directory.Exists(parent) && Directory.EnumerateFileSystemEntries(parent)
            .Any(e => string.Equals(Path.GetFileName(e), name, StringComparison.OrdinalIgnoreCase));
    }

    private static string RelativeTarget(string fromDir, string target)
    {
        var from = fromDir.Length == 0 ? [] : fromDir.Split('/');
        var to = target.Split('/');
        var common = 0;
        while (common < from.Length && common < to.Length - 1 && from[common] == to[common])
        {
            common++;
        }

        return string.Join('/', Enumerable.Repeat("..", from.Length - common).Concat(to.Skip(common)));
    }
}
