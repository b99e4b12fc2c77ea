using Satchel.Runtime.Configuration;

namespace Satchel.Build.Resolution;

/// <summary>
/// How long a helper run that asks an interpreter something (its facts, where its pip is, a TOML
/// file, the entry check, `pyenv which`) may take before it is killed and the build fails with
/// exit 75: 60 s, or SATCHEL_PROBE_TIMEOUT seconds. A hung --python must not hang the build.
/// pip's own runs have no limit: a large resolution may legitimately take longer.
/// </summary>
internal static class ProbeTimeout
{
    public static TimeSpan Value => Settings.Seconds(SatchelVariables.ProbeTimeout, TimeSpan.FromSeconds(60));
}
