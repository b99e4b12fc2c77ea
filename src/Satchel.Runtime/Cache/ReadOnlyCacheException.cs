using Satchel.Runtime.Errors;

namespace Satchel.Runtime.Cache;

/// <summary>
/// A cache that is read-only for this user (root's, prebaked) lacks something this app needs.
/// Failing says what to do; falling back to a temporary extraction would silently cost every
/// start of a container what the image was prebaked to avoid (docs/containers.md).
/// </summary>
public sealed class ReadOnlyCacheException(CacheLayout layout, string missing) : SatchelException(ExitCodes.CantCreate,
    $"the cache {layout.Root} belongs to root and is read-only for you, and it lacks {missing}: warm it as root with `SATCHEL_TOOLS=1 APP warm` (same SATCHEL_ROOT), or run with SATCHEL_EXTRACT=temp");
