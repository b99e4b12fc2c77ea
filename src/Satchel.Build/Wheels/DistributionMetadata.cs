namespace Satchel.Build.Wheels;

/// <summary>The fields of <c>*.dist-info/METADATA</c> that installing needs.</summary>
/// <param name="Name">The project name as the distribution writes it.</param>
/// <param name="Version">The version as written.</param>
/// <param name="RequiresPython">The Requires-Python specifier (PEP 440), or null when absent.</param>
public sealed record DistributionMetadata(string Name, string Version, string? RequiresPython)
{
    public static DistributionMetadata Parse(string wheelPath, string member, string text)
    {
        // Lines the parser cannot read in METADATA are left to the tools that own those fields;
        // only Name and Version are required to install.
        var fields = CoreMetadataFields.Parse(text, _ => { });
        var name = fields["Name"];
        var version = fields["Version"];
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
        {
            throw new InvalidWheelException(wheelPath, "METADATA lacks a Name or a Version field", member);
        }

        var requires = fields["Requires-Python"];
        return new DistributionMetadata(name, version, string.IsNullOrEmpty(requires) ? null : requires);
    }
}
