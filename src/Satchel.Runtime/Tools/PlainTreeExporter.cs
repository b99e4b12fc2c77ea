using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Extraction;
using Satchel.Runtime.Format;

namespace Satchel.Runtime.Tools;

/// <summary>
/// `satchel extract APP DIR`: the payload's files as a plain tree, one directory per unit
/// (<c>app/</c>, <c>wheels/NAME-VERSION/</c>, <c>interpreters/NAME/</c>), with the modes of the
/// index (directories 0755, files 0644 or 0755) rather than the cache's private ones. Every block
/// and file hash is checked while writing, as on the cold path. Shipped bytecode units are left
/// out: Python never compares an unchecked-hash .pyc with its source, so an edited file would not
/// run; Python writes bytecode of its own there as it would for any source tree.
/// </summary>
public static class PlainTreeExporter
{
    public static IReadOnlyList<string> Export(AppFile app, string destination, Log log)
    {
        var index = app.ReadIndex();
        var written = new List<string>();
        OutputDirectory.Create(destination, "extracted tree", work =>
        {
            for (var i = 0; i < index.Units.Count; i++)
            {
                if (app.Header.Units[i].Kind == UnitKind.Bytecode)
                {
                    // Unchecked-hash bytecode would hide a user's edit of the sources beside it.
                    continue;
                }

                var relative = UnitDirectory(app.Header.Units[i], app.Header.Units);
                var target = Path.Combine(work, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                UnitTreeWriter.Write(app, index.Units[i], target);
                IndexModes.Apply(target, index.Units[i]);
                written.Add(relative);
                log.Line($"extracted unit {app.Header.Units[i].Name} into {relative}");
            }
        }, log);
        return written;
    }

    /// <summary>Where a unit goes under the output directory; names are made safe as one path component.</summary>
    public static string UnitDirectory(UnitDescriptor unit, IReadOnlyList<UnitDescriptor> all)
    {
        var folder = BaseFolder(unit);

        // Two units with one folder (two app units, in a crafted file) must not share a directory.
        var same = 0;
        foreach (var other in all)
        {
            same += BaseFolder(other) == folder ? 1 : 0;
        }

        return same > 1 ? folder + "-" + unit.KeyHex[..12] : folder;
    }

    private static string BaseFolder(UnitDescriptor unit) => unit.Kind switch
    {
        UnitKind.App => "app",
        UnitKind.Wheel => Path.Combine("wheels", SafeName(unit.Name.Replace(' ', '-'))),
        _ => Path.Combine("interpreters", SafeName(unit.Name)),
    };

    private static string SafeName(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is '/' or '\\' or '\0' || char.IsControl(chars[i]))
            {
                chars[i] = '_';
            }
        }

        var safe = new string(chars);
        return safe is "" or "." or ".." ? "_" + safe : safe;
    }
}
