# Reads a pyproject.toml with the build interpreter's own TOML parser (tomllib from 3.11, else
# the tomli that pip vendors) and prints the parts Satchel uses as JSON. Exit 3: invalid TOML;
# exit 4: no TOML parser available. argv: pyproject path, then an optional pip location
# (a pip wheel) to import pip's vendored tomli from.
import json
import sys

if len(sys.argv) > 2 and sys.argv[2]:
    sys.path.insert(0, sys.argv[2])
try:
    import tomllib
except ImportError:
    try:
        from pip._vendor import tomli as tomllib
    except ImportError as e:
        sys.stderr.write("no TOML parser: %s\n" % e)
        sys.exit(4)

try:
    with open(sys.argv[1], "rb") as f:
        data = tomllib.load(f)
except tomllib.TOMLDecodeError as e:
    sys.stderr.write("%s\n" % e)
    sys.exit(3)

project = data.get("project")
tool = data.get("tool")
result = {
    "project": project if isinstance(project, dict) else None,
    "satchel": tool.get("satchel") if isinstance(tool, dict) else None,
}
# Dates and times are valid TOML values with no JSON form; their ISO text is what a user wrote.
sys.stdout.write(json.dumps(result, default=str))
