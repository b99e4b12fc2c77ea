using FsCheck;
using FsCheck.Fluent;
using Satchel.Runtime.Interpreters;
using Xunit;

namespace Satchel.Runtime.Tests.Interpreters;

public sealed class KeyValueRecordFileTests
{
    /// <summary>Any value, however hostile (newlines, backslashes, NULs, "="), comes back unchanged.</summary>
    [Fact]
    public void Values_round_trip()
    {
        var value = Gen.Elements('a', '=', '\\', '\n', '\r', '\0', 'n', 'ü', '/', ' ').ArrayOf().Select(c => new string(c));
        var property = Prop.ForAll(value.ToArbitrary(), value.ToArbitrary(), (a, b) =>
        {
            var text = KeyValueRecordFile.Format("h 1", [new("a", a), new("b", b)]);
            var parsed = KeyValueRecordFile.Parse(text, "h 1");
            return parsed is not null && parsed["a"] == a && parsed["b"] == b && text.Count(c => c == '\n') == 3;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
    }

    [Theory]
    [InlineData("other 1\nk=v\n")]
    [InlineData("h 1\nk=v")]
    [InlineData("h 1\nk=v\\\n")]
    [InlineData("h 1\nk=v\\x\n")]
    [InlineData("h 1\nnovalue\n")]
    [InlineData("h 1\n=v\n")]
    [InlineData("")]
    public void Torn_or_foreign_text_is_not_a_record(string text) => Assert.Null(KeyValueRecordFile.Parse(text, "h 1"));

    [Fact]
    public void Every_prefix_of_a_facts_file_is_either_rejected_or_not_the_whole_facts()
    {
        var facts = RequirementTests.Facts(PythonVersion.Parse("3.12.1"));
        var text = KeyValueRecordFile.Format(FactsCache.Header, FactsRecord.Entries(facts));
        Assert.Equal(facts, FactsRecord.From(KeyValueRecordFile.Parse(text, FactsCache.Header)!));
        for (var length = 0; length < text.Length; length++)
        {
            var parsed = KeyValueRecordFile.Parse(text[..length], FactsCache.Header);
            Assert.True(parsed is null || FactsRecord.From(parsed) is null, $"a torn file of {length} chars was taken for facts");
        }
    }
}
