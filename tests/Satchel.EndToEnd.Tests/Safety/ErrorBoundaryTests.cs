using Satchel.Cli.Commands;
using Satchel.Runtime.Errors;
using Xunit;

namespace Satchel.EndToEnd.Tests.Safety;

/// <summary>Tests that replace the process's standard error run alone, after every other collection.</summary>
[CollectionDefinition(nameof(StandardErrorIsolation), DisableParallelization = true)]
public sealed class StandardErrorIsolation;

/// <summary>
/// The CLI's last word on a failure: one `satchel:` line and a documented exit code; a stack
/// trace only for an internal error and only with --verbose, and then no advice to rerun with it.
/// </summary>
[Collection(nameof(StandardErrorIsolation))]
public sealed class ErrorBoundaryTests
{
    [Fact]
    public void An_internal_error_is_one_line_that_says_how_to_see_more()
    {
        var (code, error) = Run(verbose: false, () => throw new InvalidOperationException("boom"));

        Assert.Equal(ExitCodes.Software, code);
        Assert.Equal("satchel: internal error (InvalidOperationException): boom; please report it (rerun with --verbose for details)\n", error);
    }

    [Fact]
    public void With_verbose_an_internal_error_shows_its_stack_trace_and_no_advice_to_rerun()
    {
        var (code, error) = Run(verbose: true, () => throw new InvalidOperationException("boom"));

        Assert.Equal(ExitCodes.Software, code);
        Assert.StartsWith("satchel: internal error (InvalidOperationException): boom; please report it\nSystem.InvalidOperationException: boom\n", error, StringComparison.Ordinal);
        Assert.Contains(nameof(ErrorBoundaryTests), error, StringComparison.Ordinal);
        Assert.DoesNotContain("rerun with", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_users_mistake_is_one_line_even_with_verbose(bool verbose)
    {
        var (code, error) = Run(verbose, () => throw new SatchelException(ExitCodes.Usage, "bad option"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("satchel: bad option\n", error);
    }

    private static (int Code, string Error) Run(bool verbose, Func<int> body)
    {
        var saved = Console.Error;
        using var captured = new StringWriter { NewLine = "\n" };
        Console.SetError(captured);
        try
        {
            var code = ErrorBoundary.Run(verbose, body);
            return (code, captured.ToString());
        }
        finally
        {
            Console.SetError(saved);
        }
    }
}
