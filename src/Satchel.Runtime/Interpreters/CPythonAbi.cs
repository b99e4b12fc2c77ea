using System.Globalization;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// A CPython ABI from a binary wheel's ABI tag: "cp311" is CPython 3.11, "cp313t" its
/// free-threaded build, "cp37m" 3.7 with pymalloc, "cp27mu" 2.7 with wide unicode. A wheel built
/// for one loads in no other, so the interpreter's major.minor and sys.abiflags must match exactly.
/// </summary>
public readonly record struct CPythonAbi(int Major, int Minor, string Flags)
{
    public string MajorMinor => $"{Major}.{Minor}";

    public static bool TryParse(string tag, out CPythonAbi abi)
    {
        abi = default;
        var text = tag.Trim().ToLowerInvariant();
        if (!text.StartsWith("cp", StringComparison.Ordinal))
        {
            return false;
        }

        var digits = 2;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        var flags = text[digits..];
        // Two digits at least (major and minor); the minor has no separator, so "cp310" is 3.10.
        if (digits < 4 || flags.AsSpan().ContainsAnyExceptInRange('a', 'z')
            || !int.TryParse(text.AsSpan(3, digits - 3), NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        abi = new CPythonAbi(text[2] - '0', minor, flags);
        return true;
    }

    /// <summary>The interpreter's own ABI tag, as a wheel would name it.</summary>
    public static CPythonAbi Of(InterpreterFacts facts) => new(facts.Version.Major, facts.Version.Minor, facts.AbiFlags);

    public override string ToString() => $"cp{Major}{Minor}{Flags}";
}
