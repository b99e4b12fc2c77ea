using Satchel.Runtime.Errors;
using Xunit;

namespace Satchel.Runtime.Tests.Errors;

/// <summary>The one failure policy of the launcher and the CLI: which exception ends with which code and line.</summary>
public sealed class ExitPolicyTests
{
    public static TheoryData<Exception, int, string> Failures => new()
    {
        { new SatchelException(ExitCodes.Usage, "bad option"), 64, "satchel: bad option" },
        { new CorruptPayloadException("/a/app", "the index is short"), 65, "satchel: /a/app: the index is short; the file is damaged or was not made by satchel: rebuild or download it again" },
        { new IOException("No space left on device : '/c/x'"), 73, "satchel: No space left on device : '/c/x'" },
        { new IOException("Input/output error"), 74, "satchel: Input/output error" },
        { new UnauthorizedAccessException("Access to the path '/c/v1' is denied."), 77, "satchel: permission denied: /c/v1; check its owner and mode, or use a path you may read and write" },
        { new UnauthorizedAccessException("UnauthorizedAccess_IODenied_Path, /c/v1"), 77, "satchel: permission denied (UnauthorizedAccess_IODenied_Path, /c/v1); check the owner and mode of the files involved" },
        { new InvalidOperationException("unit not in header"), 70, "satchel: internal error (InvalidOperationException): unit not in header; please report it (rerun with SATCHEL_VERBOSE=1 for details)" },
        // A SatchelException with code 70 is a refusal Satchel decided on, not a crash: no trace, no hint.
        { new SatchelException(ExitCodes.Software, "refusing to remove /: it is the root of a file system"), 70, "satchel: refusing to remove /: it is the root of a file system" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_failure_is_one_line_and_its_code(Exception failure, int code, string line)
    {
        foreach (var verbose in new[] { false, true })
        {
            var lines = new List<string>();

            var exit = ExitPolicy.Report(failure, verbose && !IsInternal(failure), "SATCHEL_VERBOSE=1", lines.Add);

            Assert.Equal(code, exit);
            Assert.Equal([line], lines);
        }
    }

    [Fact]
    public void With_detail_asked_for_an_internal_error_is_its_line_then_its_stack_trace()
    {
        var lines = new List<string>();

        var exit = ExitPolicy.Report(Thrown(), verbose: true, "--verbose", lines.Add);

        Assert.Equal(70, exit);
        Assert.Equal(2, lines.Count);
        Assert.Equal("satchel: internal error (InvalidOperationException): deep; please report it", lines[0]);
        Assert.StartsWith("System.InvalidOperationException: deep", lines[1], StringComparison.Ordinal);
        Assert.Contains(nameof(Thrown), lines[1], StringComparison.Ordinal);
    }

    private static bool IsInternal(Exception e) => ExitPolicy.Classify(e).Internal;

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("deep");
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }
}
