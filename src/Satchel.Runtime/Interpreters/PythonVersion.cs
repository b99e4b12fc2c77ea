using System.Globalization;
using System.Text;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// A PEP 440 version (epoch, release, pre, post, dev, local), parsed leniently as PEP 440's
/// normalisation rules allow ("v3.13.0-RC1" is "3.13.0rc1") and ordered as PEP 440 says:
/// 3.13.0.dev1 &lt; 3.13.0a1 &lt; 3.13.0rc1 &lt; 3.13.0 &lt; 3.13.0.post1, and 3.13 == 3.13.0.
/// Interpreters only ever produce release and pre-release parts, but specifiers written by users
/// may use any of them, so all are understood.
/// </summary>
public sealed class PythonVersion : IComparable<PythonVersion>, IEquatable<PythonVersion>
{
    private readonly int[] _release;

    private PythonVersion(int epoch, int[] release, (string Kind, int Number)? pre, int? post, int? dev, string? local)
    {
        Epoch = epoch;
        _release = release;
        Pre = pre;
        Post = post;
        Dev = dev;
        Local = local;
    }

    public int Epoch { get; }

    public IReadOnlyList<int> Release => _release;

    /// <summary>"a", "b" or "rc" with its number, or null for a final release.</summary>
    public (string Kind, int Number)? Pre { get; }

    public int? Post { get; }

    public int? Dev { get; }

    /// <summary>The local label after "+", normalised (lower case, "." separators), or null.</summary>
    public string? Local { get; }

    public bool IsPrerelease => Pre is not null || Dev is not null;

    public bool IsPostrelease => Post is not null;

    public int Major => _release[0];

    public int Minor => _release.Length > 1 ? _release[1] : 0;

    public int Micro => _release.Length > 2 ? _release[2] : 0;

    /// <summary>Epoch and release only: the "base version" PEP 440 compares some operators against.</summary>
    public PythonVersion BaseVersion => new(Epoch, _release, null, null, null, null);

    /// <summary>Everything but the local label.</summary>
    public PythonVersion Public => Local is null ? this : new(Epoch, _release, Pre, Post, Dev, null);

    /// <summary>The version of an interpreter from the five fields of sys.version_info.</summary>
    public static PythonVersion FromVersionInfo(int major, int minor, int micro, string releaseLevel, int serial)
    {
        (string, int)? pre = releaseLevel switch
        {
            "alpha" => ("a", serial),
            "beta" => ("b", serial),
            "candidate" => ("rc", serial),
            _ => null,
        };
        return new PythonVersion(0, [major, minor, micro], pre, null, null, null);
    }

    /// <summary>
    /// "3.11" for "3.11.7" (also for "3.13.0rc1"): the major.minor of an interpreter's version
    /// text, sliced without parsing the rest, because the launcher needs it on every warm start of
    /// an app with shipped bytecode (its cache tag) and a full parse would allocate there.
    /// </summary>
    public static string MajorMinorOf(string versionText)
    {
        var parts = versionText.Split('.');
        var minor = parts.Length > 1 ? parts[1] : string.Empty;
        var digits = minor.AsSpan().IndexOfAnyExceptInRange('0', '9');
        return parts[0] + "." + (digits < 0 ? minor : minor[..digits]);
    }

    public static PythonVersion Parse(string text) =>
        TryParse(text, out var version, out var error) ? version : throw new FormatException($"'{text}' is not a version: {error}");

    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PythonVersion? version, out string error)
    {
        version = null;
        var reader = new VersionTextReader(text.Trim().ToLowerInvariant());
        if (!reader.TryRead(out var parts, out error))
        {
            return false;
        }

        version = new PythonVersion(parts.Epoch, parts.Release, parts.Pre, parts.Post, parts.Dev, parts.Local);
        return true;
    }

    public int CompareTo(PythonVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = Epoch.CompareTo(other.Epoch);
        if (c != 0)
        {
            return c;
        }

        c = CompareRelease(_release, other._release);
        if (c != 0)
        {
            return c;
        }

        c = PreKey().CompareTo(other.PreKey());
        if (c != 0)
        {
            return c;
        }

        c = (Post ?? -1).CompareTo(other.Post ?? -1);
        if (c != 0)
        {
            return c;
        }

        c = (Dev ?? int.MaxValue).CompareTo(other.Dev ?? int.MaxValue);
        return c != 0 ? c : CompareLocal(Local, other.Local);
    }

    /// <summary>Compares release numbers as if the shorter were padded with zeros.</summary>
    internal static int CompareRelease(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            var c = (i < a.Count ? a[i] : 0).CompareTo(i < b.Count ? b[i] : 0);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    /// <summary>
    /// A dev release without a pre-release sorts before every pre-release of its release
    /// (1.0.dev0 &lt; 1.0a0); a release without a pre-release sorts after all of them.
    /// </summary>
    private (int Phase, int Number) PreKey() => Pre switch
    {
        { Kind: "a" } p => (1, p.Number),
        { Kind: "b" } p => (2, p.Number),
        { } p => (3, p.Number),
        null when Post is null && Dev is not null => (0, 0),
        null => (4, 0),
    };

    /// <summary>No label sorts first; numeric segments sort above alphanumeric ones (PEP 440).</summary>
    private static int CompareLocal(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return (a is null ? 0 : 1) - (b is null ? 0 : 1);
        }

        var x = a.Split('.');
        var y = b.Split('.');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var xn = int.TryParse(x[i], NumberStyles.None, CultureInfo.InvariantCulture, out var xi);
            var yn = int.TryParse(y[i], NumberStyles.None, CultureInfo.InvariantCulture, out var yi);
            var c = (xn, yn) switch
            {
                (true, true) => xi.CompareTo(yi),
                (true, false) => 1,
                (false, true) => -1,
                _ => string.CompareOrdinal(x[i], y[i]),
            };
            if (c != 0)
            {
                return c;
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    public bool Equals(PythonVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is PythonVersion v && Equals(v);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Epoch);
        var length = _release.Length;
        while (length > 1 && _release[length - 1] == 0)
        {
            length--;
        }

        for (var i = 0; i < length; i++)
        {
            hash.Add(_release[i]);
        }

        hash.Add(Pre);
        hash.Add(Post);
        hash.Add(Dev);
        hash.Add(Local);
        return hash.ToHashCode();
    }

    public static bool operator ==(PythonVersion? a, PythonVersion? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(PythonVersion? a, PythonVersion? b) => !(a == b);

    public static bool operator <(PythonVersion a, PythonVersion b) => a.CompareTo(b) < 0;

    public static bool operator >(PythonVersion a, PythonVersion b) => a.CompareTo(b) > 0;

    public static bool operator <=(PythonVersion a, PythonVersion b) => a.CompareTo(b) <= 0;

    public static bool operator >=(PythonVersion a, PythonVersion b) => a.CompareTo(b) >= 0;

    /// <summary>The normalised form: "1!3.13.0rc1.post2.dev3+local.7".</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Epoch != 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Epoch}!");
        }

        text.AppendJoin('.', _release);
        if (Pre is { } pre)
        {
            text.Append(CultureInfo.InvariantCulture, $"{pre.Kind}{pre.Number}");
        }

        if (Post is { } post)
        {
            text.Append(CultureInfo.InvariantCulture, $".post{post}");
        }

        if (Dev is { } dev)
        {
            text.Append(CultureInfo.InvariantCulture, $".dev{dev}");
        }

        if (Local is not null)
        {
            text.Append('+').Append(Local);
        }

        return text.ToString();
    }
}
