using System.Text;
using Satchel.Runtime.Python;
using Xunit;

namespace Satchel.Runtime.Tests.Python;

public sealed class GeneratedPythonTests
{
    [Fact]
    public void Python_literals_escape_quotes_backslashes_and_control_characters() =>
        Assert.Equal(@"'a\'b\\c\nd\x01'", PythonLiteral.Of("a'b\\c\nd\u0001"));

    [Fact]
    public void Interpreter_keys_are_stable_and_major_minor_ignores_pre_release_tags()
    {
        var a = new PythonInterpreter("/usr/bin/python3.11", "3.11.7");
        Assert.Equal(a.Key, new PythonInterpreter("/usr/bin/python3.11", "3.11.7").Key);
        Assert.NotEqual(a.Key, new PythonInterpreter("/usr/bin/python3.12", "3.11.7").Key);
        Assert.Equal("3.11", a.MajorMinor);
        Assert.Equal("3.13", new PythonInterpreter("/x", "3.13.0rc1").MajorMinor);
    }
}
