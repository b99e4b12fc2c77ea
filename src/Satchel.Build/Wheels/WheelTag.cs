namespace Satchel.Build.Wheels;

/// <summary>One compatibility tag of a wheel (PEP 425): python tag, ABI tag, platform tag.</summary>
public sealed record WheelTag(string Python, string Abi, string Platform)
{
    /// <summary>What interpreter this tag asks for, or null when the python tag is not one Satchel understands.</summary>
    public WheelTagRequirement? Requirement => WheelTagRequirement.FromTag(this);

    public override string ToString() => $"{Python}-{Abi}-{Platform}";
}
