using Satchel.Runtime.Configuration;
using Satchel.Runtime.Errors;
using Satchel.Runtime.Format;

namespace Satchel.Runtime.Launch;

/// <summary>The extraction mode of this run: SATCHEL_EXTRACT (cache or temp) wins over the mode the app was built with.</summary>
public static class ExtractModeSetting
{
    public static ExtractMode Resolve(ExtractMode built) => Parse(Settings.Text(SatchelVariables.Extract)) ?? built;

    /// <summary>null for unset; a value other than cache or temp is a usage error (a typo must not silently pick a mode).</summary>
    public static ExtractMode? Parse(string? value) => value switch
    {
        null => null,
        "cache" => ExtractMode.Cache,
        "temp" => ExtractMode.Temp,
        _ => throw new SatchelException(ExitCodes.Usage, $"{SatchelVariables.Extract}='{value}' is not 'cache' or 'temp'; unset it or use one of those"),
    };
}
