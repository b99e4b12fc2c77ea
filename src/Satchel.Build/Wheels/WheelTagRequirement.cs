using System.Globalization;

namespace Satchel.Build.Wheels;

/// <summary>
/// The interpreters one wheel tag accepts, following the tag order pip and packaging generate:
/// "py3-none-any" takes any Python 3; "py38-none-any" any Python 3.8 or newer; "cp311-cp311-…"
/// and "cp311-none-…" exactly CPython 3.11; "cp38-abi3-…" CPython 3.8 or newer (the stable ABI).
/// </summary>
/// <param name="Implementation">"py" for any implementation, else the PEP 425 abbreviation ("cp", "pp", …).</param>
/// <param name="Major">The major version, e.g. 3.</param>
/// <param name="Minor">The minor version named by the tag, or null when the tag names only a major version.</param>
/// <param name="MinorIsMinimum">True when newer minor versions are accepted too (generic "pyXY" tags and abi3); false when the minor version must match.</param>
/// <param name="Abi">The ABI tag as written, e.g. "cp313t" for a free-threaded build; the caller checks flags it cares about.</param>
/// <param name="Platform">The platform tag as written; "any" for platform-independent wheels.</param>
public sealed record WheelTagRequirement(string Implementation, int Major, int? Minor, bool MinorIsMinimum, string Abi, string Platform)
{
    public const string AnyImplementation = "py";

    public bool IsPlatformIndependent => Platform == "any";

    /// <summary>Whether an interpreter of this implementation ("cp", "pp", …) and version satisfies the tag's python and ABI parts.</summary>
    public bool Accepts(string implementation, int major, int minor)
    {
        if (Implementation != AnyImplementation && !string.Equals(Implementation, implementation, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (major != Major)
        {
            return false;
        }

        return Minor is not { } wanted || (MinorIsMinimum ? minor >= wanted : minor == wanted);
    }

    public static WheelTagRequirement? FromTag(WheelTag tag)
    {
        var letters = 0;
        while (letters < tag.Python.Length && char.IsAsciiLetterLower(tag.Python[letters]))
        {
            letters++;
        }

        var digits = tag.Python[letters..];
        if (letters == 0 || digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var implementation = tag.Python[..letters];
        var major = digits[0] - '0';
        int? minor = digits.Length > 1 ? int.Parse(digits[1..], NumberStyles.None, CultureInfo.InvariantCulture) : null;
        var isMinimum = implementation == AnyImplementation || tag.Abi == "abi3";
        return new WheelTagRequirement(implementation, major, minor, isMinimum, tag.Abi, tag.Platform);
    }
}

/// <summary>One compatibility tag of a wheel (PEP 425): python tag, ABI tag, platform tag.</summary>
public sealed record WheelTag(string Python, string Abi, string Platform)
{
    /// <summary>What interpreter this tag asks for, or null when the python tag is not one Satchel understands.</summary>
    public WheelTagRequirement? Requirement => WheelTagRequirement.FromTag(this);

    public override string ToString() => $"{Python}-{Abi}-{Platform}";
}
