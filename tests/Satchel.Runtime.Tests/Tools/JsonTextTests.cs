using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Satchel.Runtime.Tools;
using Xunit;

namespace Satchel.Runtime.Tests.Tools;

public sealed class JsonTextTests
{
    [Fact]
    public void Nested_objects_and_arrays_are_valid_json()
    {
        var text = new JsonText().StartObject()
            .Number("n", -5).Bool("b", true).Null("z").Text("s", "x")
            .StartArray("empty").EndArray()
            .StartArray("list").Text("a").StartObject().Text("k", "v").EndObject().EndArray()
            .StartObject("o").EndObject()
            .EndObject().ToString();
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.Equal(-5, root.GetProperty("n").GetInt32());
        Assert.True(root.GetProperty("b").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("z").ValueKind);
        Assert.Equal(0, root.GetProperty("empty").GetArrayLength());
        Assert.Equal("v", root.GetProperty("list")[1].GetProperty("k").GetString());
    }

    [Fact]
    public void Any_string_round_trips_through_a_json_parser()
    {
        // Lone surrogates cannot be UTF-8; names in an app file are valid UTF-8, so they never occur.
        Prop.ForAll(ArbMap.Default.ArbFor<string>().Filter(s => s is not null && !HasLoneSurrogate(s)), value =>
        {
            var text = new JsonText().StartObject().Text(value, value).EndObject().ToString();
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.GetProperty(value).GetString() == value;
        }).QuickCheckThrowOnFailure();
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }
}
