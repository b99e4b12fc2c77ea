namespace Satchel.Runtime.Format;

/// <summary>
/// The Python interpreter shipped inside the app (header tag 7, docs/format.md): which unit holds
/// it, the path of its binary inside that unit's tree, and the facts learned about it at build
/// time, so the launcher runs it without probing. Its size is the unit's installed size in the
/// header's unit list.
/// </summary>
/// <param name="Unit">Index of the unit (kind <see cref="UnitKind.Interpreter"/>) in the header's unit list.</param>
/// <param name="Binary">The interpreter's regular file inside the unit, e.g. "bin/python3.11" (never a symlink).</param>
/// <param name="Version">Its version as PEP 440 text from sys.version_info, e.g. "3.11.2".</param>
/// <param name="AbiFlags">sys.abiflags ("" or "t").</param>
/// <param name="Machine">os.uname().machine, e.g. "x86_64"; empty when the build machine could not run it.</param>
public sealed record BundledInterpreter(int Unit, string Binary, string Version, string AbiFlags, string Machine)
{
    public void Encode(ByteWriter w)
    {
        w.VarUInt((ulong)Unit);
        w.Text(Binary);
        w.Text(Version);
        w.Text(AbiFlags);
        w.Text(Machine);
    }

    /// <summary>Reads the body of tag 7; the unit it names is checked against the unit list by <see cref="Check"/>.</summary>
    public static BundledInterpreter Decode(ReadOnlySpan<byte> field)
    {
        var f = new ByteReader(field);
        var bundled = new BundledInterpreter((int)Math.Min(f.VarUInt(), int.MaxValue), f.Text(), f.Text(), f.Text(), f.Text());
        if (!f.AtEnd)
        {
            throw new FormatViolationException("the bundled interpreter field has trailing bytes");
        }

        EntryPathRules.Check(bundled.Binary);
        if (bundled.Version.Length == 0 || !char.IsAsciiDigit(bundled.Version[0]) || bundled.Version.Contains('\0'))
        {
            throw new FormatViolationException("the bundled interpreter has no valid version");
        }

        return bundled;
    }

    /// <summary>The unit must exist and hold an interpreter.</summary>
    public void Check(IReadOnlyList<UnitDescriptor> units)
    {
        if (Unit >= units.Count || units[Unit].Kind != UnitKind.Interpreter)
        {
            throw new FormatViolationException("the bundled interpreter names a unit that is not an interpreter unit");
        }
    }
}
