namespace Satchel.Build.Resolution;

/// <summary>Shows a command line the way a POSIX shell would accept it, for --verbose and messages.</summary>
internal static class ShellQuoting
{
    public static string Join(string program, IEnumerable<string> args) =>
        string.Join(' ', new[] { program }.Concat(args).Select(Quote));

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:@+,%".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
