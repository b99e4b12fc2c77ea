using System.Reflection;
using Satchel.Build.Python;
using Satchel.Runtime.Format;
using Satchel.Testing.Architecture;
using Xunit;

namespace Satchel.Build.Tests.Architecture;

/// <summary>
/// Namespaces are layers (design.md: layout by concern): a namespace that uses another must not
/// be used by it, directly or around a longer loop, or the two are one concern split in two
/// places. Read from the compiled assemblies, so a use in a method body counts.
/// </summary>
public sealed class NamespaceCycleTests
{
    public static TheoryData<string> Assemblies => new() { "Satchel.Build", "Satchel.Runtime" };

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void No_namespace_uses_a_namespace_that_uses_it(string name)
    {
        var assembly = name == "Satchel.Build" ? typeof(PythonAppBuilder).Assembly : typeof(PayloadHeader).Assembly;
        var graph = NamespaceGraph.Of(assembly);

        var cycles = graph.Cycles();

        Assert.True(cycles.Count == 0, string.Join("\n", cycles.Select(c => $"cycle {string.Join(" <-> ", c)}:\n{graph.Describe(c)}")));
    }

    [Fact]
    public void The_graph_sees_uses_inside_method_bodies_and_generic_arguments()
    {
        // Known uses, one of each kind the reader must find: calls in method bodies (the builder
        // packs with Packing, the resolution cache stores through Caching), a parameter type (pip's
        // resolver reports to IBuildProgress) and a static call (the unit writer creates
        // directories with CacheModes). A reader that missed them would pass the test above for nothing.
        var build = NamespaceGraph.Of(typeof(PythonAppBuilder).Assembly).Edges;
        Assert.Contains("Satchel.Build.Packing", build["Satchel.Build.Python"].Keys);
        Assert.Contains(build["Satchel.Build.Python"]["Satchel.Build.Caching"], e => e.StartsWith("ResolutionCache → ", StringComparison.Ordinal));
        Assert.Contains("Satchel.Build.Progress", build["Satchel.Build.Resolution"].Keys);
        Assert.Contains("Satchel.Runtime.Files", NamespaceGraph.Of(Assembly.GetAssembly(typeof(PayloadHeader))!).Edges["Satchel.Runtime.Extraction"].Keys);
    }
}
