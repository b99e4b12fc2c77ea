namespace Satchel.Windows.Tests.Host;

/// <summary>Marks a public static method without parameters as a case the <see cref="CaseRunner"/> runs.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class WindowsCaseAttribute : Attribute;
