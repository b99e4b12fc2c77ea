using Satchel.Build.Reproducibility;

namespace Satchel.Dist;

/// <summary>
/// The version the wheel carries: satchel's (one Version for every assembly, Directory.Build.props)
/// without the "+commit" the SDK appends, which is no release version and would make the wheel depend
/// on the checkout's git state.
/// </summary>
public static class DistVersion
{
    public static string Current { get; } = SatchelVersion.Current.Split('+')[0];
}
