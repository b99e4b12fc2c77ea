using System.Reflection;
using Satchel.Runtime.Format;
using Xunit;

namespace Satchel.Runtime.Tests.Format;

public sealed class HeaderTagsTests
{
    [Fact]
    public void Every_header_tag_is_named_once_and_no_two_fields_share_a_number()
    {
        var tags = typeof(HeaderTags).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (ulong)f.GetRawConstantValue()!).ToList();

        Assert.Equal(tags.Count, tags.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, tags.Count).Select(i => (ulong)i), tags.Order());
    }
}
