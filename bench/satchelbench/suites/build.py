"""Build time and peak memory: `satchel pack` of the large tree against `zip -6 -r` of it
(interleaved), peak RSS of the build and of the launcher while it extracts (GNU time -v),
and `pip install --target` of the same distributions against `satchel build` once it exists."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from .. import timing
from ..fixtures import Work
from ..log import say


def gnu_time(argv: list[str], env: dict[str, str] | None = None) -> dict:
    """Runs argv under /usr/bin/time -v; returns its peak RSS and wall time."""
    out = subprocess.run(["/usr/bin/time", "-v", *argv], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {out.stderr[-800:]}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", out.stderr)
    seconds = 0.0
    if wall:
        for part in wall.group(1).split(":"):
            seconds = seconds * 60 + float(part)
    return {"maxrss_kib": int(rss.group(1)) if rss else None, "wall_s": seconds, "command": "/usr/bin/time -v " + " ".join(argv)}


def _remove(path: Path):
    def prepare():
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    return prepare


def run(w: Work, tree: Path, packed_noop: Path, rounds: int, wheelhouse: Path | None, pip_rounds: int) -> dict:
    d = w.root / "aws" / "build"
    d.mkdir(parents=True, exist_ok=True)
    out = d / "pack.satchel"
    zip_out = d / "tree.zip"
    variants = [
        timing.Variant("satchel pack", w.satchel.pack_argv(tree, "noop", out), w.env(), prepare=_remove(out)),
        timing.Variant("zip -6 -r", ["/bin/sh", "-c", f'cd "{tree}" && exec zip -6 -r -q "{zip_out}" .'], w.env(), prepare=_remove(zip_out)),
    ]
    say(f"build: {rounds} interleaved rounds of satchel pack / zip -6 -r")
    runs = timing.interleave(variants, rounds, warmup=0)
    result = {
        "name": "build",
        "variants": {v.name: {"argv": v.argv, **timing.summary(runs[v.name])} for v in variants},
        "ratios": [timing.ratio(runs, "satchel pack", "zip -6 -r")],
    }
    say("build: peak RSS of satchel pack and of the launcher extracting (GNU time -v)")
    _remove(out)()
    result["pack_gnu_time"] = gnu_time(w.satchel.pack_argv(tree, "noop", out))
    root = d / "extract-root"
    _remove(root)()
    root.mkdir(mode=0o700)
    result["extract_gnu_time"] = gnu_time([str(packed_noop)], {**w.env(), "SATCHEL_ROOT": str(root)})
    shutil.rmtree(root, ignore_errors=True)

    if wheelhouse is not None:
        target = d / "pip-target"
        pip = timing.Variant("pip install --target", [w.py311, "-m", "pip", "install", "--quiet", "--no-index",
                                                      "--disable-pip-version-check", "--find-links", str(wheelhouse),
                                                      "--target", str(target), "awscli"],
                             w.env(), prepare=_remove(target))
        pip_variants = [pip]
        if w.satchel.build_help():
            built = d / "aws-build.satchel"
            argv = w.satchel.build_argv(["awscli"], built, w.py311, wheelhouse, module="awscli")
            pip_variants.append(timing.Variant("satchel build", argv, w.env(), prepare=_remove(built)))
        say(f"build: {pip_rounds} rounds of {', '.join(v.name for v in pip_variants)}")
        try:
            pruns = timing.interleave(pip_variants, pip_rounds, warmup=0)
            result["install"] = {
                "variants": {v.name: {"argv": v.argv, **timing.summary(pruns[v.name])} for v in pip_variants},
                "ratios": [timing.ratio(pruns, "satchel build", "pip install --target")] if len(pip_variants) > 1 else [],
            }
        except timing.CommandFailed as e:
            w.skip(f"build: {e}")
        _remove(target)()
    return result
