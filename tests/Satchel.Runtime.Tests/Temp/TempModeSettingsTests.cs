using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;
using Satchel.Runtime.Launch;
using Satchel.Runtime.Temp;
using Xunit;

namespace Satchel.Runtime.Tests.Temp;

public sealed class TempModeSettingsTests
{
    private static readonly UnitDescriptor[] Units = [new(new byte[32], UnitKind.App, "app", 1, 10)];
    private static readonly LaunchSpec Launch = new(LaunchKind.Exec, 0, "run.sh", [], []);

    [Theory]
    [InlineData(ExtractMode.Temp, 5000)]
    [InlineData(ExtractMode.Temp, 0)]
    [InlineData(ExtractMode.Temp, 250)]
    [InlineData(ExtractMode.Cache, 30_000)]
    [InlineData(ExtractMode.Temp, PayloadHeader.MaxGraceMilliseconds)]
    public void The_grace_period_round_trips_in_tag_9(ExtractMode mode, int grace)
    {
        var decoded = PayloadHeader.Decode(new PayloadHeader("app", mode, Launch, Units, new byte[32], grace).Encode());
        Assert.Equal(mode, decoded.ExtractMode);
        Assert.Equal(grace, decoded.GraceMilliseconds);
    }

    [Fact]
    public void A_cache_mode_header_with_the_default_grace_has_no_tag_9_and_reads_as_5_seconds()
    {
        var bytes = new PayloadHeader("app", ExtractMode.Cache, Launch, Units, new byte[32]).Encode();
        var withGrace = new PayloadHeader("app", ExtractMode.Cache, Launch, Units, new byte[32], 1000).Encode();
        Assert.Equal(bytes.Length + 4, withGrace.Length); // tag, length, two-byte varuint 1000
        Assert.Equal(PayloadHeader.DefaultGraceMilliseconds, PayloadHeader.Decode(bytes).GraceMilliseconds);
    }

    [Fact]
    public void A_grace_period_over_the_limit_is_a_format_violation()
    {
        var header = new PayloadHeader("app", ExtractMode.Temp, Launch, Units, new byte[32], PayloadHeader.MaxGraceMilliseconds + 1).Encode();
        Assert.Throws<FormatViolationException>(() => PayloadHeader.Decode(header));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("cache", ExtractMode.Cache)]
    [InlineData("temp", ExtractMode.Temp)]
    public void SATCHEL_EXTRACT_values(string? value, ExtractMode? expected) => Assert.Equal(expected, ExtractModeSetting.Parse(value));

    [Theory]
    [InlineData("tmp")]
    [InlineData("Temp")]
    [InlineData("1")]
    public void A_mistyped_SATCHEL_EXTRACT_is_a_usage_error_naming_the_variable(string value)
    {
        var e = Assert.Throws<SatchelException>(() => ExtractModeSetting.Parse(value));
        Assert.Equal(ExitCodes.Usage, e.ExitCode);
        Assert.Contains("SATCHEL_EXTRACT", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("satchel-0123456789abcdef", true)]
    [InlineData("satchel-0123456789abcde", false)]
    [InlineData("satchel-0123456789ABCDEF", false)]
    [InlineData("satchel-0123456789abcdef.satchel-del-01234567", false)]
    [InlineData("satchel-sample", false)]
    [InlineData("other-0123456789abcdef", false)]
    public void Run_directory_names(string name, bool isRun) => Assert.Equal(isRun, TempRunDirectory.IsRunName(name));
}
