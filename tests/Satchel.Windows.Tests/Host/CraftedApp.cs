using System.Text;
using Satchel.Runtime.Format;
using Satchel.Testing.Payloads;

namespace Satchel.Windows.Tests.Host;

/// <summary>
/// A real app file (payload written the way the packer lays it out, every hash computed) with
/// one unit of many small files and one larger one, so an extraction takes long enough for a
/// second process to meet it. The prefix is not a launcher: the cases call the runtime directly.
/// </summary>
internal static class CraftedApp
{
    public const int SmallFiles = 300;

    public static string Write(string path)
    {
        // Entries in strict path order, as the packer writes them (the reader refuses anything else).
        var large = new byte[4 << 20];
        new Random(25).NextBytes(large);
        var tree = new UnitTree().Dir("pkg").File("pkg/data.bin", large);
        for (var i = 0; i < SmallFiles; i++)
        {
            tree.File($"pkg/module_{i:D3}.py", $"VALUE = {i}\n");
        }

        File.WriteAllBytes(path, PayloadAssembler.Compose(Encoding.ASCII.GetBytes("not a launcher"), [tree.Build()]));
        return path;
    }

    /// <summary>What a complete extraction of <see cref="Write"/>'s unit holds under its files directory.</summary>
    public static void AssertExtracted(string filesDirectory)
    {
        Xunit.Assert.Equal(SmallFiles + 1, Directory.GetFiles(Path.Combine(filesDirectory, "pkg")).Length);
        Xunit.Assert.Equal("VALUE = 123\n", File.ReadAllText(Path.Combine(filesDirectory, "pkg", "module_123.py")));
        Xunit.Assert.Equal(4 << 20, new FileInfo(Path.Combine(filesDirectory, "pkg", "data.bin")).Length);
    }

    public static UnitDescriptor OnlyUnit(Satchel.Runtime.Format.AppFile app) => app.Header.Units[0];
}
