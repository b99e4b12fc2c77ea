using Xunit;

namespace Satchel.Runtime.Tests.Cache;

/// <summary>
/// Tests that open descriptors without O_CLOEXEC run alone. The in-use locks are inheritable on
/// purpose (they must survive the launcher's exec into the app), so a process that a test running
/// in parallel spawns at that moment inherits the descriptor and holds the flock after the test has
/// released its own: "cannot lock exclusively after release" failed once in CI this way.
/// </summary>
[CollectionDefinition(nameof(InheritableDescriptorTests), DisableParallelization = true)]
public sealed class InheritableDescriptorTests;
