"""Size: the large tree packed by satchel at several Brotli levels (with each build's time),
against zip -6 -r (with and without the tree's __pycache__), tar -czf, the zipapp and pex of the
warm benchmarks, and `satchel build` of awscli (which ships bytecode: compared with the zip of the
tree with its __pycache__)."""
from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from ..fixtures import Work
from ..log import say


def _timed(argv: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, cwd=cwd, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def run(w: Work, tree: Path, levels: list[int], default_level: int, aws_apps: dict) -> dict:
    d = w.root / "aws" / "size"
    d.mkdir(parents=True, exist_ok=True)
    launcher = w.satchel.launcher.stat().st_size
    outputs = {}
    for level in levels:
        out = d / f"noop-L{level}.satchel"
        say(f"size: satchel pack at --compression-level {level}")
        seconds = w.satchel.pack(tree, "noop", out, level)
        size = out.stat().st_size
        outputs[f"satchel L{level}"] = {"bytes": size, "payload_bytes": size - launcher, "build_s": seconds,
                                        "command": " ".join(w.satchel.pack_argv(tree, "noop", out, level))}
    zip_out = d / "tree.zip"
    if zip_out.exists():
        zip_out.unlink()
    seconds = _timed(["zip", "-6", "-r", "-q", str(zip_out), "."], cwd=tree)
    outputs["zip -6 -r"] = {"bytes": zip_out.stat().st_size, "build_s": seconds, "command": f"cd {tree} && zip -6 -r -q {zip_out} ."}
    # The same tree without the bytecode pip wrote: what an app that ships no bytecode is compared with.
    zip_nopyc = d / "tree-nopyc.zip"
    if zip_nopyc.exists():
        zip_nopyc.unlink()
    _timed(["zip", "-6", "-r", "-q", str(zip_nopyc), ".", "-x", "*/__pycache__/*"], cwd=tree)
    outputs["zip -6 -r, no __pycache__"] = {"bytes": zip_nopyc.stat().st_size,
                                           "command": f"cd {tree} && zip -6 -r -q {zip_nopyc} . -x '*/__pycache__/*'"}
    tgz = d / "tree.tar.gz"
    seconds = _timed(["tar", "-czf", str(tgz), "-C", str(tree), "."])
    outputs["tar -czf"] = {"bytes": tgz.stat().st_size, "build_s": seconds, "command": f"tar -czf {tgz} -C {tree} ."}
    for name in ("zipapp", "pex-py310"):
        if name in aws_apps["variants"]:
            path = aws_apps["variants"][name][0]
            outputs[name] = {"bytes": os.path.getsize(path), "command": "see warm-aws"}
    if "satchel-build" in aws_apps["variants"]:
        outputs["satchel build"] = {"bytes": os.path.getsize(aws_apps["variants"]["satchel-build"][0])}
    zip_bytes = outputs["zip -6 -r"]["bytes"]
    for o in outputs.values():
        o["vs_zip"] = o["bytes"] / zip_bytes
    tree_bytes = sum((Path(r) / f).lstat().st_size for r, _, fs in os.walk(tree) for f in fs)
    return {"name": "size", "tree_bytes": tree_bytes, "launcher_bytes": launcher, "default_level": default_level,
            "outputs": outputs}
