namespace Satchel.Build.Wheels;

/// <summary>The wheel's own description, from <c>*.dist-info/WHEEL</c>.</summary>
/// <param name="WheelVersion">The Wheel-Version field, e.g. "1.0". Only major version 1 is installed.</param>
/// <param name="RootIsPurelib">Whether the archive root is purelib; both land in site-packages here, so it is informational.</param>
/// <param name="Tags">The Tag fields as written (the file name's tags are the ones that count for installing).</param>
public sealed record WheelInfo(string WheelVersion, bool RootIsPurelib, IReadOnlyList<string> Tags)
{
    public const string SupportedMajorVersion = "1";

    public static WheelInfo Parse(string wheelPath, string member, string text)
    {
        var fields = CoreMetadataFields.Parse(text, line => throw new InvalidWheelException(wheelPath, $"WHEEL has a malformed line '{line}'", member));
        var version = fields["Wheel-Version"]
            ?? throw new InvalidWheelException(wheelPath, "WHEEL has no Wheel-Version field", member);
        var major = version.Split('.')[0];
        if (major != SupportedMajorVersion || !version.Split('.').All(p => p.Length > 0 && p.All(char.IsAsciiDigit)))
        {
            throw new InvalidWheelException(wheelPath,
                $"Wheel-Version {version} is not supported (only {SupportedMajorVersion}.x); a newer satchel may install it", member);
        }

        var purelib = string.Equals(fields["Root-Is-Purelib"], "true", StringComparison.OrdinalIgnoreCase);
        return new WheelInfo(version, purelib, [.. fields.All("Tag")]);
    }
}
