namespace Satchel.Build.Wheels;

/// <summary>One member to extract: where it goes in the tree, what RECORD promises about it, and its mode.</summary>
public sealed record PlannedFile(WheelMember Member, RecordEntry Record, string Destination, bool Executable);
