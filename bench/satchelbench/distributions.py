"""Real installed distributions turned into benchmark inputs: the dependency closure of a
distribution installed in a Python (read by that Python, from its own metadata), a copy of
their files as one tree, and wheels re-packed from their RECORD files (for pip and
`satchel build`, which need wheels and cannot reach an index here)."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

# Runs inside the target Python: prints the closure as JSON, each distribution with its
# site-packages directory, its dist-info directory and its RECORD file list.
_CLOSURE = r"""
import importlib.metadata as md, json, sys
try:
    from packaging.requirements import Requirement
except ImportError:
    from pip._vendor.packaging.requirements import Requirement
seen = {}
def walk(name):
    d = md.distribution(name)
    key = d.metadata["Name"].lower().replace("_", "-")
    if key in seen:
        return
    seen[key] = {
        "name": d.metadata["Name"], "version": d.version,
        "site": str(d.locate_file("")), "dist_info": str(d._path),
        "files": [str(f) for f in (d.files or [])],
        "wheel": d.read_text("WHEEL") or "",
    }
    for r in d.requires or []:
        req = Requirement(r)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            walk(req.name)
for n in sys.argv[1:]:
    walk(n)
print(json.dumps(list(seen.values())))
"""


def closure(python: str, names: list[str]) -> list[dict]:
    out = subprocess.run([python, "-I", "-c", _CLOSURE, *names], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def copy_tree(dists: list[dict], destination: Path) -> tuple[int, int]:
    """Copies every file the distributions installed into site-packages (code, data, bytecode,
    dist-info; not scripts in bin/) to `destination`, keeping mtimes so bytecode stays valid.
    Returns (files, bytes)."""
    files = size = 0
    for dist in dists:
        site = Path(dist["site"])
        for rel in dist["files"]:
            if rel.startswith(".."):
                continue
            src = site / rel
            if not src.is_file():
                continue
            dst = destination / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
            files += 1
            size += src.stat().st_size
    return files, size


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def repack_wheel(dist: dict, wheelhouse: Path) -> Path:
    """Builds a wheel from an installed distribution: its site-packages files without bytecode,
    its scripts under .data/scripts with a '#!python' line, and a fresh RECORD."""
    site = Path(dist["site"])
    info_name = Path(dist["dist_info"]).name  # e.g. awscli-1.45.11.dist-info
    stem = info_name[: -len(".dist-info")]
    tags = [line.split(":", 1)[1].strip().split("-") for line in dist["wheel"].splitlines() if line.startswith("Tag:")]
    # Several Tag lines (py2-none-any, py3-none-any) make one compressed tag set: py2.py3-none-any.
    tag = "-".join(".".join(dict.fromkeys(t[i] for t in tags)) for i in range(3)) if tags else "py3-none-any"
    name = re.sub(r"[-_.]+", "_", dist["name"])
    wheel = wheelhouse / f"{name}-{dist['version']}-{tag}.whl"
    if wheel.exists():
        return wheel
    skip_info = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}
    members: list[tuple[str, bytes, int]] = []
    for rel in sorted(set(dist["files"])):
        if "__pycache__" in rel or rel.endswith(".pyc"):
            continue
        path = (site / rel).resolve()
        if not path.is_file():
            continue
        if rel.startswith(".."):
            if "/bin/" not in "/" + rel:
                continue
            arcname = f"{stem}.data/scripts/{path.name}"
            data = path.read_bytes()
            if data.startswith(b"#!") and b"python" in data.split(b"\n", 1)[0]:
                data = b"#!python\n" + data.split(b"\n", 1)[1]
        else:
            if rel.startswith(info_name + "/") and rel.split("/", 1)[1] in skip_info:
                continue
            arcname = rel
            data = path.read_bytes()
        members.append((arcname, data, 0o755 if os.access(path, os.X_OK) else 0o644))
    wheelhouse.mkdir(parents=True, exist_ok=True)
    tmp = wheel.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        record = []
        for arcname, data, mode in members:
            info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
            record.append(f"{arcname},{_record_hash(data)},{len(data)}")
        record.append(f"{info_name}/RECORD,,")
        z.writestr(zipfile.ZipInfo(f"{info_name}/RECORD", date_time=(2020, 1, 1, 0, 0, 0)), "\n".join(record) + "\n")
    tmp.rename(wheel)
    return wheel


def make_wheel(wheelhouse: Path, name: str, version: str, modules: dict[str, str],
               console_scripts: dict[str, str] | None = None) -> Path:
    """A pure-Python wheel made from scratch (for the hello app)."""
    info = f"{name}-{version}.dist-info"
    files = dict(modules)
    files[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    files[f"{info}/WHEEL"] = "Wheel-Version: 1.0\nGenerator: satchel-bench\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    if console_scripts:
        files[f"{info}/entry_points.txt"] = "[console_scripts]\n" + "".join(f"{k} = {v}\n" for k, v in console_scripts.items())
    wheelhouse.mkdir(parents=True, exist_ok=True)
    wheel = wheelhouse / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as z:
        record = []
        for arcname, text in files.items():
            data = text.encode()
            z.writestr(zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0)), data)
            record.append(f"{arcname},{_record_hash(data)},{len(data)}")
        record.append(f"{info}/RECORD,,")
        z.writestr(zipfile.ZipInfo(f"{info}/RECORD", date_time=(2020, 1, 1, 0, 0, 0)), "\n".join(record) + "\n")
    return wheel
