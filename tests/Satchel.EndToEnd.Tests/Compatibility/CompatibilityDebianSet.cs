using Satchel.Testing.Wheels;

namespace Satchel.EndToEnd.Tests.Compatibility;

/// <summary>
/// Where the wheels of a set come from when pyenv's Python does not have its distributions:
/// Debian packages re-packed into wheels (<see cref="DebianPackageWheels"/>), the distributions of
/// pyenv's Python they need besides (re-packed as for the other sets), and the crafted wheels of
/// <paramref name="Crafted"/>. The set's wheels are a find-links folder of their own, so its entries
/// run without re-packing all of pyenv's distributions.
/// </summary>
public sealed record CompatibilityDebianSet(DebianTestPackages Packages, string[] FromPyenv, Func<string, string>[] Crafted);
