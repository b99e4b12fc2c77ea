using Satchel.Runtime.Errors;
using Satchel.Runtime.Platforms;

namespace Satchel.Build.Wheels;

/// <summary>
/// The wheels an app built for another platform (`--platform`) may contain: CPython
/// <see cref="Major"/>.<see cref="Minor"/> on <see cref="Platform"/>. Platform tags, in pip's order
/// of preference on such a machine (newest first): manylinux_2_39 down to manylinux_2_17 (the
/// launcher's glibc floor; manylinux2014 is its old name), then linux_ARCH (a wheel built on such a
/// machine, with no floor promised), and "any". ABI tags: cpXY, abi3, none. The same list is given to
/// pip (`--platform`, Resolution/PipArguments) and checked on every wheel that did not come from pip
/// (a lock's, a local project's): docs/resolution.md#building-for-another-platform.
/// </summary>
public sealed record WheelTarget(TargetPlatform Platform, int Major, int Minor)
{
    /// <summary>glibc 2.17: manylinux2014, the launcher's floor (docs/launcher.md#the-glibc-floor).</summary>
    public const int OldestGlibcMinor = 17;

    /// <summary>glibc 2.39 (Ubuntu 24.04): the newest manylinux tag taken; an app whose wheels use it needs that glibc.</summary>
    public const int NewestGlibcMinor = 39;

    /// <summary>The platform tags, most preferred first.</summary>
    public IReadOnlyList<string> PlatformTags =>
    [
        .. Enumerable.Range(OldestGlibcMinor, NewestGlibcMinor - OldestGlibcMinor + 1).Reverse().Select(m => $"manylinux_2_{m}_{Platform.Machine}"),
        $"manylinux2014_{Platform.Machine}",
        $"linux_{Platform.Machine}",
    ];

    /// <summary>"3.11", for pip's --python-version.</summary>
    public string PythonVersion => $"{Major}.{Minor}";

    /// <summary>CPython's ABI tag for that version: cp311 (cp37m before 3.8, whose default build had pymalloc's "m").</summary>
    public string Abi => $"cp{Major}{Minor}{(Major == 3 && Minor < 8 ? "m" : string.Empty)}";

    /// <summary>"linux-aarch64 (CPython 3.11)", for messages.</summary>
    public string Describe() => $"{Platform} (CPython {PythonVersion})";

    /// <summary>Whether one of <paramref name="wheel"/>'s tags runs there.</summary>
    public bool Accepts(WheelFileName wheel)
    {
        var platforms = PlatformTags;
        return wheel.Tags.Any(tag =>
            (tag.Platform == "any" || platforms.Contains(tag.Platform))
            && (tag.Abi is "none" or "abi3" || tag.Abi == Abi)
            && tag.Requirement is { } requirement && requirement.Accepts("cp", Major, Minor));
    }

    /// <summary>Refuses (exit 65, naming the wheel and its tags) a wheel that does not run there.</summary>
    public void Check(string wheelPath, string origin)
    {
        var wheel = WheelFileName.Parse(wheelPath);
        if (!Accepts(wheel))
        {
            throw new SatchelException(ExitCodes.Data,
                $"{origin} {wheel.FileName} does not run on {Describe()}: its tags are {string.Join(", ", wheel.Tags)}; the target takes {string.Join(", ", PlatformTags.Take(1).Concat(PlatformTags.TakeLast(2)))}… or 'any' with {Abi}, abi3 or none");
        }
    }
}
