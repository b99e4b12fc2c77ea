using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Satchel.Runtime.Diagnostics;
using Satchel.Runtime.Launch;
using Satchel.Runtime.Supervision;
using Satchel.Testing.SimulatedFileSystem;
using Xunit;

namespace Satchel.Runtime.Tests.Supervision;

/// <summary>The Windows side's logic: console events as signals, and argv quoted for CreateProcess.</summary>
public sealed class WindowsSupervisionTests
{
    [Theory]
    [InlineData(ConsoleEvents.CtrlC, SignalNumbers.Interrupt)]
    [InlineData(ConsoleEvents.CtrlBreak, SignalNumbers.Quit)]
    [InlineData(ConsoleEvents.Close, SignalNumbers.Hangup)]
    [InlineData(ConsoleEvents.Logoff, SignalNumbers.Terminate)]
    [InlineData(ConsoleEvents.Shutdown, SignalNumbers.Terminate)]
    [InlineData(3, 0)]
    [InlineData(31, 0)]
    public void Console_events_map_to_the_signals_they_stand_for(int consoleEvent, int signal) =>
        Assert.Equal(signal, ConsoleEvents.ToSignal(consoleEvent));

    [Fact]
    public void Ctrl_C_is_never_forwarded_but_the_job_is_terminated_after_the_grace_period()
    {
        var clock = new FakeClock();
        var child = new ScriptedChild(clock);
        child.At(TimeSpan.FromSeconds(1), ConsoleEvents.ToEvent(ConsoleEvents.CtrlC));
        new Supervisor(child, TimeSpan.FromSeconds(5), clock, Log.Quiet).Run();
        Assert.Equal([(TimeSpan.FromSeconds(6), "kill")], child.Actions);
    }

    [Theory]
    [InlineData(new[] { "C:\\app\\run.exe", "plain" }, "C:\\app\\run.exe plain")]
    [InlineData(new[] { "p", "a b", "" }, "p \"a b\" \"\"")]
    [InlineData(new[] { "p", "say \"hi\"" }, "p \"say \\\"hi\\\"\"")]
    [InlineData(new[] { "p", "C:\\dir with space\\" }, "p \"C:\\dir with space\\\\\"")]
    [InlineData(new[] { "p", "a\\\\b" }, "p a\\\\b")]
    public void Arguments_are_quoted_like_CommandLineToArgvW_expects(string[] argv, string expected) =>
        Assert.Equal(expected, WindowsCommandLine.Join(argv));

    [Fact]
    public void Any_arguments_survive_a_round_trip_through_the_documented_parsing_rules()
    {
        var chars = Gen.Elements('a', ' ', '\t', '"', '\\', 'ü', 'x');
        var arg = Gen.ArrayOf(chars).Select(c => new string(c));
        Prop.ForAll(Gen.ArrayOf(arg).ToArbitrary(), args =>
        {
            string[] argv = ["prog", .. args];
            Assert.Equal(argv, Parse(WindowsCommandLine.Join(argv)));
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>
    /// The Microsoft C runtime's rules (as CommandLineToArgvW applies them after the program name):
    /// 2n backslashes + quote → n backslashes and a quote toggle; 2n+1 → n and a literal quote;
    /// other backslashes are literal; whitespace outside quotes separates arguments.
    /// </summary>
    private static List<string> Parse(string line)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        var inQuotes = false;
        var started = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\')
            {
                var n = 0;
                while (i < line.Length && line[i] == '\\')
                {
                    n++;
                    i++;
                }

                if (i < line.Length && line[i] == '"')
                {
                    current.Append('\\', n / 2);
                    if (n % 2 == 1)
                    {
                        current.Append('"');
                    }
                    else
                    {
                        inQuotes = !inQuotes;
                    }
                }
                else
                {
                    current.Append('\\', n);
                    i--;
                }

                started = true;
            }
            else if (c == '"')
            {
                inQuotes = !inQuotes;
                started = true;
            }
            else if ((c == ' ' || c == '\t') && !inQuotes)
            {
                if (started)
                {
                    result.Add(current.ToString());
                    current.Clear();
                    started = false;
                }
            }
            else
            {
                current.Append(c);
                started = true;
            }
        }

        if (started)
        {
            result.Add(current.ToString());
        }

        return result;
    }
}
