# Satchel's build-interpreter probe: one short run that says what this interpreter is and
# whether pip is importable, as one JSON object on stdout. Kept valid for Python 2 so that an
# old interpreter is reported by its version instead of by a syntax error.
import json
import os
import platform
import sys

info = {
    "executable": sys.executable,
    "version": list(sys.version_info[:3]),
    "version_text": platform.python_version(),
    "implementation": getattr(getattr(sys, "implementation", None), "name", platform.python_implementation().lower()),
    "prefix": sys.prefix,
    "base_prefix": getattr(sys, "base_prefix", sys.prefix),
    "pip": None,
}
try:
    # pip/__init__.py is tiny: importing it reads the version without loading pip itself.
    import pip

    info["pip"] = {"version": pip.__version__, "location": os.path.dirname(os.path.abspath(pip.__file__))}
except Exception:
    pass
sys.stdout.write(json.dumps(info))
