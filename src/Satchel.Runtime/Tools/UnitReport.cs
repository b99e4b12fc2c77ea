using Satchel.Runtime.Format;

namespace Satchel.Runtime.Tools;

/// <summary>One unit as the tools show it: the header's figures and what its index adds (entries by kind, compressed size).</summary>
public sealed class UnitReport(UnitDescriptor unit, long compressedBytes, int blocks, long files, long directories, long symlinks)
{
    public UnitDescriptor Unit { get; } = unit;

    public long CompressedBytes { get; } = compressedBytes;

    public int Blocks { get; } = blocks;

    public long Files { get; } = files;

    public long Directories { get; } = directories;

    public long Symlinks { get; } = symlinks;

    public static UnitReport Of(UnitDescriptor unit, UnitIndex index)
    {
        long compressed = 0;
        foreach (var block in index.Blocks)
        {
            compressed += block.CompressedLength;
        }

        long files = 0, directories = 0, symlinks = 0;
        foreach (var entry in index.Entries)
        {
            switch (entry.Kind)
            {
                case EntryKind.File:
                    files++;
                    break;
                case EntryKind.Directory:
                    directories++;
                    break;
                default:
                    symlinks++;
                    break;
            }
        }

        return new UnitReport(unit, compressed, index.Blocks.Count, files, directories, symlinks);
    }

    public string KindName => Unit.Kind switch
    {
        UnitKind.App => "app",
        UnitKind.Wheel => "wheel",
        UnitKind.Interpreter => "interpreter",
        UnitKind.Bytecode => "bytecode",
        _ => "unknown",
    };

    /// <summary>A wheel unit is named "NAME VERSION" by the builder; null for other units.</summary>
    public (string Name, string Version)? Distribution
    {
        get
        {
            if (Unit.Kind != UnitKind.Wheel)
            {
                return null;
            }

            var space = Unit.Name.LastIndexOf(' ');
            return space > 0 ? (Unit.Name[..space], Unit.Name[(space + 1)..]) : (Unit.Name, string.Empty);
        }
    }
}
