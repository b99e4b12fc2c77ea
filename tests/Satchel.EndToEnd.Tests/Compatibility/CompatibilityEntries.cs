using Satchel.Testing.Wheels;

namespace Satchel.EndToEnd.Tests.Compatibility;

/// <summary>
/// The entries of the compatibility suite: real distributions installed in pyenv's Python 3.11,
/// re-packed into wheels. Chosen to cover CLIs (argparse, click, optparse), `-m` tools, wheel data
/// scripts (awscli's `aws`, docutils' `rst2*.py`, jsonpatch's scripts), a .pth file
/// (setuptools' distutils-precedence.pth in the tools set), package data through
/// importlib.resources and pkg_resources-style lookups (certifi, botocore's data, pygments'
/// styles), metadata and entry-point plugins discovered through importlib.metadata (pip show,
/// pygments' plugin groups, flask's and IPython's extension points), a deprecation warning raised
/// on import (jsonschema's CLI) and failures with their exit codes and messages. The "keyring"
/// set comes from Debian's packages instead (<see cref="DebianSets"/>): keyring, whose backends are
/// entry-point plugins (one of them a crafted wheel's), and the PEP 420 namespace package `jaraco`
/// split over three distributions.
/// </summary>
public static class CompatibilityEntries
{
    public static readonly Dictionary<string, string[]> Sets = new(StringComparer.Ordinal)
    {
        ["aws"] = ["awscli"],
        ["flask"] = ["flask"],
        ["json"] = ["jsonschema", "jsonpatch", "jsonpointer", "jsonpath-ng"],
        ["tools"] = ["pip", "setuptools", "certifi", "charset-normalizer", "pygments", "python-dotenv"],
        ["ipython"] = ["ipython"],
        ["antlr"] = ["antlr4-python3-runtime"],
        ["openapi"] = ["openapi-spec-validator"],
        // Every distribution named: Debian's .egg-info files leave out install requirements its
        // packages' Depends carry instead (jaraco.classes and jaraco.functools need more-itertools,
        // SecretStorage needs cryptography and jeepney), and a re-packed wheel says what the deb says.
        ["keyring"] = ["keyring", "jaraco.classes", "jaraco.context", "jaraco.functools", "more-itertools", "SecretStorage", "jeepney", "cryptography", "satchel-keyring-plugin"],
    };

    /// <summary>The sets whose wheels are re-packed from Debian's packages (the others' come from pyenv's Python 3.11).</summary>
    public static readonly Dictionary<string, CompatibilityDebianSet> DebianSets = new(StringComparer.Ordinal)
    {
        ["keyring"] = new(DebianTestPackages.Keyring, ["cryptography", "cffi", "pycparser"], [KeyringPluginWheel.Build]),
    };

    /// <summary>No session bus (a developer's desktop one must not decide which keyring backends are viable).</summary>
    private static readonly (string, string)[] NoDbus = [("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/satchel-compat-bus")];

    public static readonly CompatibilityEntry[] All =
    [
        new("aws", "-c", "aws", ["--version"], "data script (#!python), botocore data"),
        new("aws", "-c", "aws", ["s3", "nosuchcommand"], "data script, usage error (exit 252)"),
        new("aws", "-c", "aws", ["sts", "get-caller-identity", "--region", "us-east-1"], "data script, botocore service model, credential error", Env: [("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent"), ("AWS_CONFIG_FILE", "/nonexistent"), ("AWS_EC2_METADATA_DISABLED", "true")]),
        new("aws", "-c", "aws_completer", [], "data script reading COMP_LINE", Env: [("COMP_LINE", "aws s3 l"), ("COMP_POINT", "8")]),
        new("aws", "-m", "awscli", ["--version"], "-m of a package"),
        new("aws", "-c", "jp.py", ["a[1]"], "data script of a dependency (jmespath), stdin", Stdin: "{\"a\": [1, 2]}\n"),
        new("aws", "-c", "jp.py", ["a[?"], "data script, a parse error", Stdin: "{\"a\": [1, 2]}\n"),
        new("aws", "-c", "rst2html.py", ["doc.rst"], "data script (docutils), package data (stylesheets)"),
        new("aws", "-c", "rst2man.py", ["doc.rst"], "data script (docutils)"),
        new("aws", "-c", "docutils", ["--version"], "console script of a dependency"),
        // Not `-m docutils --version`: it prints "python -m docutils" only when argv[0] is a __main__.py,
        // and a Satchel app's argv[0] is the app file (README's promise), so that output differs by design.
        new("aws", "-m", "docutils", ["doc.rst"], "-m of a dependency"),
        new("aws", "-c", "pyrsa-priv2pub", ["--help"], "optparse usage (prog from argv[0])"),
        new("flask", "-c", "flask", ["--version"], "click CLI, importlib.metadata versions"),
        new("flask", "-m", "flask", ["--version"], "-m of a click CLI"),
        new("flask", "-c", "flask", ["routes"], "click error without an app (exit 2)"),
        new("json", "-c", "jsonschema", ["-i", "instance.json", "schema.json"], "DeprecationWarning raised on import, attributed to the script"),
        new("json", "-c", "jsonschema", ["-i", "bad.json", "schema.json"], "validation failure (exit 1)"),
        new("json", "-m", "jsonschema", ["-i", "instance.json", "schema.json"], "-m with a DeprecationWarning"),
        new("json", "-c", "jsonpatch", ["doc.json", "patch.json"], "data script (jsonpatch)"),
        new("json", "-c", "jsondiff", ["doc.json", "other.json"], "data script (jsonpatch)"),
        new("json", "-c", "jsonpointer", ["/a", "doc.json"], "data script (jsonpointer)"),
        new("json", "-c", "jsonpath_ng", ["$.a[1]", "doc.json"], "console script (jsonpath-ng, ply)"),
        new("tools", "-c", "pip", ["--version"], "console script printing its own location; setuptools' .pth"),
        new("tools", "-m", "pip", ["--version"], "-m pip"),
        new("tools", "-m", "pip", ["show", "certifi"], "importlib.metadata of another unit"),
        new("tools", "-m", "certifi", [], "importlib.resources data path"),
        new("tools", "-c", "normalizer", ["doc.json"], "console script, file argument"),
        new("tools", "-c", "pygmentize", ["-l", "python", "-f", "html"], "stdin to stdout", Stdin: "def f(x):\n    return x + 1\n"),
        new("tools", "-c", "pygmentize", ["-L", "styles"], "entry-point plugins (pygments.styles) through importlib.metadata"),
        new("tools", "-m", "pygments", ["-V"], "-m pygments"),
        new("tools", "-c", "dotenv", ["-f", "app.env", "list"], "click CLI (python-dotenv)"),
        new("tools", "-m", "dotenv", ["--version"], "-m of a click CLI naming itself from __spec__"),
        new("ipython", "-c", "ipython", ["--version"], "IPython"),
        new("ipython", "-m", "IPython", ["--version"], "-m IPython"),
        new("antlr", "-c", "pygrun", ["--help"], "console script (antlr4)"),
        new("openapi", "-c", "openapi-spec-validator", ["spec.yaml"], "jsonschema-path resources, referencing"),
        // keyring lists its backends in the order of a set of classes (by id()), which changes with
        // the memory layout from run to run, in the venv too: the lines are compared in any order.
        new("keyring", "-c", "keyring", ["--list-backends"], "entry-point plugins (keyring.backends) of two units, one a plugin wheel's", Env: NoDbus, LinesInAnyOrder: true),
        new("keyring", "-m", "keyring", ["--list-backends"], "-m of a package, the same plugins", Env: NoDbus, LinesInAnyOrder: true),
        new("keyring", "-c", "keyring", ["get", "svc", "user"], "a password from the plugin backend, chosen by priority", Env: NoDbus),
        new("keyring", "-c", "keyring", ["get", "svc", "nobody"], "no such password (exit 1)", Env: NoDbus),
        new("keyring", "-c", "keyring", ["set", "svc", "user"], "a password from stdin, written to a file by the plugin backend", Stdin: "s3cret\n",
            Env: [.. NoDbus, ("SATCHEL_KEYRING_FILE", "written.json")], Writes: "written.json"),
        new("keyring", "-c", "keyring", ["get", "svc", "admin"], "PYTHON_KEYRING_BACKEND naming keyring's fail backend: NoKeyringError traceback",
            Env: [.. NoDbus, ("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")]),
        new("keyring", "-m", "satchel_jaraco_probe", [], "PEP 420 namespace package (jaraco) over three distributions: __path__, each part's module",
            Difference: new("a namespace package's __path__ has one directory per unit that holds a part (a venv's one site-packages holds them all)",
                "__path__ entries: 1\n  {site}/jaraco\n", "__path__ entries: 3\n  {site}/jaraco\n  {site}/jaraco\n  {site}/jaraco\n")),
    ];

    /// <summary>The files the entries read, in their working directory.</summary>
    public static readonly Dictionary<string, string> Inputs = new(StringComparer.Ordinal)
    {
        ["doc.rst"] = "Title\n=====\n\nSome *text* with ``code``.\n\n- one\n- two\n",
        ["doc.json"] = "{\"a\": [1, 2]}\n",
        ["other.json"] = "{\"a\": [1, 3], \"b\": true}\n",
        ["patch.json"] = "[{\"op\": \"add\", \"path\": \"/b\", \"value\": 3}]\n",
        ["schema.json"] = "{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"integer\"}}}\n",
        ["instance.json"] = "{\"a\": 1}\n",
        ["bad.json"] = "{\"a\": \"one\"}\n",
        ["app.env"] = "A=1\nB=two\n",
        ["keyring.json"] = "{\"svc\": {\"user\": \"hunter2\"}}\n",
        ["spec.yaml"] = "openapi: 3.0.0\ninfo:\n  title: t\n  version: '1'\npaths: {}\n",
    };
}
