using Satchel.Build.Wheels;
using Xunit;

namespace Satchel.Build.Tests.Wheels;

public sealed class WheelFileNameTests
{
    [Fact]
    public void A_plain_pure_wheel_name_gives_its_parts_and_one_tag()
    {
        var name = WheelFileName.TryParse("Flask-3.1.3-py3-none-any.whl")!;
        Assert.Equal("Flask", name.Distribution);
        Assert.Equal("flask", name.NormalizedName);
        Assert.Equal("3.1.3", name.Version);
        Assert.Null(name.BuildTag);
        Assert.Equal([new WheelTag("py3", "none", "any")], name.Tags);
        Assert.True(name.IsPure);
    }

    [Fact]
    public void Compressed_tag_sets_expand_to_every_combination()
    {
        var name = WheelFileName.TryParse("six-1.17.0-py2.py3-none-any.whl")!;
        Assert.Equal(["py2-none-any", "py3-none-any"], name.Tags.Select(t => t.ToString()));

        var many = WheelFileName.TryParse("markupsafe-3.0.3-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")!;
        Assert.Equal(["cp311-cp311-manylinux_2_17_x86_64", "cp311-cp311-manylinux2014_x86_64"], many.Tags.Select(t => t.ToString()));
        Assert.False(many.IsPure);
    }

    [Fact]
    public void A_build_tag_is_recognised_and_must_start_with_a_digit()
    {
        var name = WheelFileName.TryParse("pkg-1.0-1local-py3-none-any.whl")!;
        Assert.Equal("1local", name.BuildTag);
        Assert.Equal("1.0", name.Version);
        Assert.Null(WheelFileName.TryParse("pkg-1.0-local-py3-none-any.whl"));
    }

    [Theory]
    [InlineData("pkg-1.0-py3-none.whl")]
    [InlineData("pkg-1.0-py3-none-any.zip")]
    [InlineData("pkg-1.0-1-2-py3-none-any.whl")]
    [InlineData("pkg--py3-none-any.whl")]
    [InlineData("pkg-1.0-py3..py2-none-any.whl")]
    [InlineData("dir/pkg-1.0-py3-none-any.whl")]
    [InlineData("pkg-1 0-py3-none-any.whl")]
    public void Malformed_names_are_not_wheel_names(string fileName) => Assert.Null(WheelFileName.TryParse(fileName));

    [Fact]
    public void Parse_refuses_a_malformed_name_with_the_path_in_the_message()
    {
        var e = Assert.Throws<InvalidWheelException>(() => WheelFileName.Parse("/tmp/x/pkg.whl"));
        Assert.Equal(65, e.ExitCode);
        Assert.StartsWith("/tmp/x/pkg.whl: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Foo.Bar__baz", "foo-bar-baz", "foo_bar_baz")]
    [InlineData("zope.interface", "zope-interface", "zope_interface")]
    [InlineData("MarkupSafe", "markupsafe", "markupsafe")]
    [InlineData("a-_.-b", "a-b", "a_b")]
    public void Project_names_normalise_as_PEP_503_and_escape_as_PEP_427(string raw, string normalized, string escaped)
    {
        Assert.Equal(normalized, ProjectName.Normalize(raw));
        Assert.Equal(escaped, ProjectName.Escape(raw));
    }

    [Fact]
    public void Cpython_specific_tags_need_exactly_that_minor_version()
    {
        var requirement = new WheelTag("cp311", "cp311", "manylinux_2_17_x86_64").Requirement!;
        Assert.Equal(("cp", 3, 11, false), (requirement.Implementation, requirement.Major, requirement.Minor, requirement.MinorIsMinimum));
        Assert.True(requirement.Accepts("cp", 3, 11));
        Assert.False(requirement.Accepts("cp", 3, 12));
        Assert.False(requirement.Accepts("pp", 3, 11));
        Assert.False(requirement.IsPlatformIndependent);
    }

    [Fact]
    public void Stable_abi_tags_accept_that_version_and_newer_cpython()
    {
        var requirement = new WheelTag("cp38", "abi3", "manylinux2014_x86_64").Requirement!;
        Assert.True(requirement.Accepts("cp", 3, 8));
        Assert.True(requirement.Accepts("cp", 3, 13));
        Assert.False(requirement.Accepts("cp", 3, 7));
        Assert.False(requirement.Accepts("pp", 3, 10));
    }

    [Fact]
    public void Generic_python_tags_accept_any_implementation()
    {
        var py3 = new WheelTag("py3", "none", "any").Requirement!;
        Assert.True(py3.Accepts("cp", 3, 8) && py3.Accepts("pp", 3, 13));
        Assert.False(py3.Accepts("cp", 2, 7));
        Assert.True(py3.IsPlatformIndependent);

        var py38 = new WheelTag("py38", "none", "any").Requirement!;
        Assert.True(py38.Accepts("cp", 3, 11));
        Assert.False(py38.Accepts("cp", 3, 7));
    }

    [Fact]
    public void An_implementation_tag_without_abi_pins_the_version_and_an_unknown_tag_has_no_requirement()
    {
        var cpNone = new WheelTag("cp311", "none", "any").Requirement!;
        Assert.True(cpNone.Accepts("cp", 3, 11));
        Assert.False(cpNone.Accepts("cp", 3, 12));
        Assert.Equal("cp313t", new WheelTag("cp313", "cp313t", "linux_x86_64").Requirement!.Abi);
        Assert.Null(new WheelTag("graalpy", "none", "any").Requirement);
    }
}
