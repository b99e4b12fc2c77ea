using System.Text;
using System.Text.RegularExpressions;
using Satchel.Runtime.Errors;

namespace Satchel.Build.Packing;

/// <summary>
/// One `--exclude` pattern with gitignore's rules: `*` and `?` match within one path component,
/// `**` spans components (`**/x`, `x/**`, `a/**/b`), `[...]` is a character class, a leading `/`
/// or a slash inside anchors the pattern at the packed directory's root (otherwise it matches a
/// name at any depth) and a trailing `/` matches directories only. `!` (negation) is refused:
/// re-including what an earlier pattern excluded is not supported.
/// </summary>
public sealed class ExcludePattern
{
    private readonly Regex _regex;
    private readonly bool _anchored;
    private readonly bool _directoryOnly;

    private ExcludePattern(string text, Regex regex, bool anchored, bool directoryOnly)
    {
        Text = text;
        _regex = regex;
        _anchored = anchored;
        _directoryOnly = directoryOnly;
    }

    /// <summary>The pattern as the user wrote it.</summary>
    public string Text { get; }

    public static ExcludePattern Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text.Trim('/').Length == 0)
        {
            throw new SatchelException(ExitCodes.Usage, $"--exclude '{text}' matches nothing; give a pattern such as 'build/', '*.log' or '/docs/**'");
        }

        if (text.StartsWith('!'))
        {
            throw new SatchelException(ExitCodes.Usage, $"--exclude '{text}': negation ('!') is not supported; exclude narrower patterns instead");
        }

        var body = text;
        var directoryOnly = body.EndsWith('/');
        body = body.TrimEnd('/');
        var anchored = body.Contains('/', StringComparison.Ordinal);
        body = body.TrimStart('/');
        return new ExcludePattern(text, new Regex("^" + Translate(body, text) + "$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture), anchored, directoryOnly);
    }

    /// <summary>Whether <paramref name="relativePath"/> ('/'-separated, relative to the packed directory) is excluded by this pattern.</summary>
    public bool Matches(string relativePath, bool isDirectory)
    {
        if (_directoryOnly && !isDirectory)
        {
            return false;
        }

        var subject = _anchored ? relativePath : relativePath[(relativePath.LastIndexOf('/') + 1)..];
        return _regex.IsMatch(subject);
    }

    private static string Translate(string body, string original)
    {
        var regex = new StringBuilder();
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c == '*' && i + 1 < body.Length && body[i + 1] == '*' && IsComponentStart(body, i) && IsComponentEnd(body, i + 2))
            {
                // "**" as a whole component: any number of components (at the end: everything inside).
                if (i + 2 == body.Length)
                {
                    regex.Append(".*");
                    i += 2;
                }
                else
                {
                    regex.Append("(.*/)?");
                    i += 3;
                }
            }
            else if (c == '*')
            {
                while (i < body.Length && body[i] == '*')
                {
                    i++;
                }

                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
                i++;
            }
            else if (c == '[')
            {
                var close = body.IndexOf(']', i + 2);
                if (close < 0)
                {
                    throw new SatchelException(ExitCodes.Usage, $"--exclude '{original}': '[' without a closing ']'");
                }

                var set = body[(i + 1)..close];
                var negated = set.StartsWith('!') || set.StartsWith('^');
                var members = (negated ? set[1..] : set).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal);
                regex.Append(negated ? "[^/" : "[").Append(members).Append(']');
                i = close + 1;
            }
            else if (c == '\\' && i + 1 < body.Length)
            {
                regex.Append(Regex.Escape(body[i + 1].ToString()));
                i += 2;
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
                i++;
            }
        }

        return regex.ToString();
    }

    private static bool IsComponentStart(string body, int index) => index == 0 || body[index - 1] == '/';

    private static bool IsComponentEnd(string body, int index) => index == body.Length || body[index] == '/';
}
