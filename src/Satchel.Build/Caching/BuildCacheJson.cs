using System.Text.Json.Serialization;
using Satchel.Build.Wheels;

namespace Satchel.Build.Caching;

/// <summary>
/// The build cache's JSON files, source-generated (no reflection: the CLI may be compiled ahead
/// of time). An installed wheel is stored as <see cref="InstalledWheel"/> itself (<c>wheel.json</c>):
/// what the installer found out, so a reuse reads neither the archive nor the tree again; the
/// tree's place is set from the entry when it is read. A resolution is the list of its wheels; a kept tree's listing the list of its entries (<see cref="CachedTreeListing"/>); the
/// app files a bytecode entry could not compile a list of [path, reason] pairs.
/// </summary>
[JsonSerializable(typeof(InstalledWheel))]
[JsonSerializable(typeof(List<CachedResolvedWheel>))]
[JsonSerializable(typeof(List<CachedTreeEntry>))]
[JsonSerializable(typeof(ProbeRecord))]
[JsonSerializable(typeof(List<string[]>))]
internal sealed partial class BuildCacheJson : JsonSerializerContext;

/// <summary>One distribution of a resolution kept in the build cache: its wheel's file name in the entry, and whether the command line named it.</summary>
public sealed record CachedResolvedWheel(string NormalizedName, string FileName, bool Requested);
