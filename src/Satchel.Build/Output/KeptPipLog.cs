namespace Satchel.Build.Output;

/// <summary>Where a failed build keeps pip's full log: beside the output, as OUT.pip.log (docs/build-directory.md).</summary>
public static class KeptPipLog
{
    public const string Suffix = ".pip.log";

    public static string PathFor(string output) => Path.GetFullPath(output) + Suffix;
}
