namespace Satchel.Runtime.Interpreters;

/// <summary>
/// An interpreter file found somewhere (a shim's target, a well-known place) and how it was found.
/// A class, not a tuple: generic collections and sorts over value types are compiled once per
/// type in the NativeAOT launcher, over classes once for all.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Source">"pyenv", "uv", "system", or the pyenv version a shim stands for.</param>
/// <param name="Hint">The version its directory or file name suggests, for ordering before any probe.</param>
internal sealed record KnownPlace(string Path, string Source, PythonVersion? Hint = null)
{
    /// <summary>Highest hint first, unknown hints last, and otherwise the order found (List.Sort alone is not stable).</summary>
    public static void SortByHint(List<KnownPlace> places)
    {
        var order = new Dictionary<KnownPlace, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < places.Count; i++)
        {
            order[places[i]] = i;
        }

        places.Sort((a, b) =>
        {
            var byHint = CompareHints(b.Hint, a.Hint);
            return byHint != 0 ? byHint : order[a].CompareTo(order[b]);
        });
    }

    private static int CompareHints(PythonVersion? a, PythonVersion? b) =>
        a is null ? (b is null ? 0 : -1) : b is null ? 1 : a.CompareTo(b);
}
