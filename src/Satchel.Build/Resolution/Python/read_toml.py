# Reads a TOML file (pyproject.toml, pylock.toml) with the build interpreter's own TOML parser
# (tomllib from 3.11, else the tomli that pip vendors) and prints the whole document as JSON.
# Exit 3: invalid TOML; exit 4: no TOML parser available. argv: the file, then an optional pip
# location (a pip wheel) to import pip's vendored tomli from.
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

# Dates and times are valid TOML values with no JSON form; their ISO text is what a user wrote.
sys.stdout.write(json.dumps(data, default=str))
