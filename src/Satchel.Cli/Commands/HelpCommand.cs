namespace Satchel.Cli.Commands;

/// <summary>`satchel help [COMMAND…]` is `satchel [COMMAND…] --help`, as git and pip users expect.</summary>
internal static class HelpCommand
{
    public static string[] Rewrite(string[] args) =>
        args is ["help", .. var rest] ? [.. rest, "--help"] : args;
}
