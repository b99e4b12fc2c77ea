using System.Text;
using Satchel.Runtime.Diagnostics;

namespace Satchel.Windows.Tests.Host;

/// <summary>
/// A verbose <see cref="Diagnostics.Log"/> whose lines a case reads while the code under test
/// still runs on another thread: how a case sees that a removal has started retrying.
/// </summary>
internal sealed class CapturedLog : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    public CapturedLog() => Log = new Log(enabled: true, this);

    public Log Log { get; }

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _text.ToString();
            }
        }
    }

    /// <summary>The last lines, for a failure message (a retrying removal logs a line a second).</summary>
    public string LastLines(int count = 8)
    {
        var lines = Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', lines[Math.Max(0, lines.Length - count)..]);
    }

    public override void Write(char value)
    {
        lock (_lock)
        {
            _text.Append(value);
        }
    }

    public override void WriteLine(string? value)
    {
        lock (_lock)
        {
            _text.Append(value).Append('\n');
        }
    }
}
