using System.CommandLine;
using Satchel.Build.Python;
using Satchel.Build.Requests;

namespace Satchel.Cli.Commands;

/// <summary>
/// The options `satchel build` and `satchel lock` share: what to resolve (inputs, -r,
/// --constraint), where from (-f, -i, --extra-index-url, --trusted-host, --no-index), how strictly
/// (--require-hashes), and with which build interpreter (--python).
/// </summary>
internal sealed class ResolutionOptions
{
    private readonly Argument<string[]> _inputs = new("INPUTS") { Description = "Requirement specifiers (flask>=3), local projects (a directory with pyproject.toml or setup.py) and wheel files.", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string[]> _requirement = new("--requirement", "-r") { Description = "A requirements file (repeatable)." };
    private readonly Option<string[]> _constraint = new("--constraint") { Description = "A constraints file (repeatable)." };
    private readonly Option<string[]> _findLinks = new("--find-links", "-f") { Description = "A folder (or page) of wheels and sdists for pip (repeatable)." };
    private readonly Option<string?> _indexUrl = new("--index-url", "-i") { Description = "The package index pip uses (PEP 503)." };
    private readonly Option<string[]> _extraIndex = new("--extra-index-url") { Description = "Another package index (repeatable)." };
    private readonly Option<string[]> _trustedHost = new("--trusted-host") { Description = "A host (HOST or HOST:PORT) whose plain-HTTP index pip may use (repeatable)." };
    private readonly Option<bool> _noIndex = new("--no-index") { Description = "Use only --find-links, local projects and wheel files." };
    private readonly Option<bool> _requireHashes = new("--require-hashes") { Description = "pip's hash-checking mode: every requirement in -r files pinned with --hash, every artifact checked against it." };
    private readonly Option<string[]> _python = new("--python") { Description = "The build interpreter that runs pip: a path, a name on PATH, or a version (3.9, 3.9.18) found among every installed Python (default: python3 on PATH, pyenv shims resolved); repeat it to build for several Pythons, one per version (build: the app runs on whichever the machine has; lock: one resolution each)." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(_inputs);
        foreach (var option in new Option[] { _requirement, _constraint, _findLinks, _indexUrl, _extraIndex, _trustedHost, _noIndex, _requireHashes, _python })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>A request for <paramref name="output"/> carrying these options' values.</summary>
    public PythonBuildRequest Request(ParseResult parse, string output) => new()
    {
        Python = parse.GetValue(_python) is [var first, ..] ? first : null,
        MorePythons = parse.GetValue(_python) is [_, .. var more] ? more : [],
        Output = output,
        Inputs = parse.GetValue(_inputs) ?? [],
        RequirementFiles = parse.GetValue(_requirement) ?? [],
        ConstraintFiles = parse.GetValue(_constraint) ?? [],
        PackageSources = new()
        {
            FindLinks = parse.GetValue(_findLinks) ?? [],
            IndexUrl = parse.GetValue(_indexUrl),
            ExtraIndexUrls = parse.GetValue(_extraIndex) ?? [],
            TrustedHosts = parse.GetValue(_trustedHost) ?? [],
            NoIndex = parse.GetValue(_noIndex),
        },
        RequireHashes = parse.GetValue(_requireHashes),
    };
}
