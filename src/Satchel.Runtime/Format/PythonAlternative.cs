namespace Satchel.Runtime.Format;

/// <summary>
/// Another interpreter an app was built for (header tag 12, docs/format.md, "Several
/// interpreters"): the requirement an interpreter must meet to run the app with this set of units,
/// and the sys.path list of that set (unit, directory), in order. The Python launch (tag 6) is the
/// first set; each alternative is one more, from a later `--python` of the build. The launcher runs
/// the set of the first interpreter in discovery order that one of them accepts, the first set
/// first; the units of a set are the app's own unit, those its sys.path names, and their bytecode.
/// </summary>
public sealed record PythonAlternative(string Requirement, IReadOnlyList<UnitPath> Paths)
{
    public void Encode(ByteWriter w)
    {
        w.Text(Requirement);
        UnitPath.EncodeList(w, Paths);
    }

    /// <summary>Reads the body of tag 12: `varuint count`, then per set a requirement and a sys.path list.</summary>
    public static List<PythonAlternative> DecodeList(ReadOnlySpan<byte> field)
    {
        var f = new ByteReader(field);
        var count = f.Count();
        var list = new List<PythonAlternative>(Math.Min(count, FormatLimits.MaxUnits));
        for (var i = 0; i < count; i++)
        {
            list.Add(new PythonAlternative(f.Text(), UnitPath.DecodeList(ref f)));
        }

        if (!f.AtEnd)
        {
            throw new FormatViolationException("the interpreter sets field has trailing bytes");
        }

        return list;
    }
}
