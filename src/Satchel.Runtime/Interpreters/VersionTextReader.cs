using System.Globalization;

namespace Satchel.Runtime.Interpreters;

/// <summary>
/// Reads PEP 440's version grammar from lower-cased text, accepting the spellings its
/// normalisation rules allow: a leading "v"; "alpha", "beta", "c", "pre", "preview" for
/// pre-releases; "rev", "r" and a bare "-N" for post-releases; "-", "_" or "." as separators;
/// an implicit 0 where a pre, post or dev number is left out. Hand-written rather than a regular
/// expression so the launcher pays neither start-up nor size for a regex engine.
/// </summary>
internal ref struct VersionTextReader(string text)
{
    private readonly string _text = text;
    private int _at;

    internal readonly record struct Parts(int Epoch, int[] Release, (string Kind, int Number)? Pre, int? Post, int? Dev, string? Local);

    public bool TryRead(out Parts parts, out string error)
    {
        parts = default;
        error = string.Empty;
        if (Peek() == 'v')
        {
            _at++;
        }

        if (!TryNumber(out var first, out error))
        {
            error = _at >= _text.Length ? "it is empty" : error;
            return false;
        }

        var epoch = 0;
        if (Peek() == '!')
        {
            _at++;
            epoch = first;
            if (!TryNumber(out first, out error))
            {
                return false;
            }
        }

        var release = new List<int> { first };
        while (Peek() == '.' && IsDigit(_at + 1))
        {
            _at++;
            if (!TryNumber(out var n, out error))
            {
                return false;
            }

            release.Add(n);
        }

        var pre = ReadPre();
        var post = ReadPost();
        var dev = ReadTagged(["dev"]);
        string? local = null;
        if (Peek() == '+')
        {
            _at++;
            if (!TryLocal(out local, out error))
            {
                return false;
            }
        }

        if (_at != _text.Length)
        {
            error = $"unexpected '{_text[_at..]}'";
            return false;
        }

        parts = new Parts(epoch, [.. release], pre, post, dev, local);
        return true;
    }

    private (string, int)? ReadPre()
    {
        var start = _at;
        SkipSeparator();
        foreach (var (spelling, kind) in PreSpellings)
        {
            if (_text.AsSpan(_at).StartsWith(spelling, StringComparison.Ordinal))
            {
                _at += spelling.Length;
                return (kind, ImplicitNumber());
            }
        }

        _at = start;
        return null;
    }

    /// <summary>Longest spellings first, so "preview" is not read as "pre" + "view".</summary>
    private static readonly (string Spelling, string Kind)[] PreSpellings =
    [
        ("preview", "rc"), ("alpha", "a"), ("beta", "b"), ("pre", "rc"), ("rc", "rc"), ("a", "a"), ("b", "b"), ("c", "rc"),
    ];

    private int? ReadPost()
    {
        if (Peek() == '-' && IsDigit(_at + 1))
        {
            _at++;
            return TryNumber(out var n, out _) ? n : null;
        }

        return ReadTagged(["post", "rev", "r"]);
    }

    private int? ReadTagged(string[] spellings)
    {
        var start = _at;
        SkipSeparator();
        foreach (var spelling in spellings)
        {
            if (_text.AsSpan(_at).StartsWith(spelling, StringComparison.Ordinal))
            {
                _at += spelling.Length;
                return ImplicitNumber();
            }
        }

        _at = start;
        return null;
    }

    /// <summary>An optional separator and number after a tag; 0 when there is no number.</summary>
    private int ImplicitNumber()
    {
        var start = _at;
        SkipSeparator();
        if (IsDigit(_at) && TryNumber(out var n, out _))
        {
            return n;
        }

        _at = start;
        return 0;
    }

    private bool TryLocal(out string? local, out string error)
    {
        local = null;
        error = string.Empty;
        var segments = new List<string>();
        var start = _at;
        while (true)
        {
            var segmentStart = _at;
            while (_at < _text.Length && char.IsAsciiLetterOrDigit(_text[_at]))
            {
                _at++;
            }

            if (_at == segmentStart)
            {
                error = $"bad local version label '{_text[start..]}'";
                return false;
            }

            segments.Add(NormaliseLocalSegment(_text[segmentStart.._at]));
            if (Peek() is '.' or '-' or '_')
            {
                _at++;
                continue;
            }

            local = string.Join('.', segments);
            return true;
        }
    }

    /// <summary>Numeric local segments compare as numbers, so "007" and "7" are the same segment.</summary>
    private static string NormaliseLocalSegment(string segment) =>
        int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n.ToString(CultureInfo.InvariantCulture) : segment;

    private bool TryNumber(out int value, out string error)
    {
        var start = _at;
        while (IsDigit(_at))
        {
            _at++;
        }

        error = string.Empty;
        if (_at == start)
        {
            value = 0;
            error = _at < _text.Length ? $"expected a number at '{_text[_at..]}'" : "expected a number at the end";
            return false;
        }

        if (!int.TryParse(_text.AsSpan(start, _at - start), NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            error = $"number {_text[start.._at]} is too large";
            return false;
        }

        return true;
    }

    private void SkipSeparator()
    {
        if (Peek() is '.' or '-' or '_')
        {
            _at++;
        }
    }

    private readonly char Peek() => _at < _text.Length ? _text[_at] : '\0';

    private readonly bool IsDigit(int index) => index < _text.Length && char.IsAsciiDigit(_text[index]);
}
