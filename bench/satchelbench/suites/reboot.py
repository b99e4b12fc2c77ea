"""Power cuts (docs/cache-layout.md, "Power cuts"): what the reboot check and SATCHEL_DURABLE cost.

Four variants of awscli built by satchel (`aws --version`), each with a cache root of its own:

- `warm`: a warmed cache, as warm-aws runs it.
- `after-reboot`: a warmed cache whose markers are all set, before each round (untimed), to a
  minute before the current boot, as a cache extracted before a reboot looks: the start checks
  every unit entry by entry (SHA-256 included), the venv against a fresh assembly, and touches
  the markers.
- `first-run` and `first-run-durable`: an empty cache (emptied and `sync`ed before each round,
  untimed), the second with `SATCHEL_DURABLE=1` (a `syncfs` before each marker).

Boot time is CLOCK_REALTIME - CLOCK_BOOTTIME, as the launcher computes it.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from .. import timing
from ..fixtures import Work
from ..log import say

PAIRS = [("after-reboot", "warm"), ("first-run-durable", "first-run"), ("after-reboot", "first-run")]


def _boot_time() -> float:
    return time.clock_gettime(time.CLOCK_REALTIME) - time.clock_gettime(time.CLOCK_BOOTTIME)


def _markers(root: Path, complete_only: bool = False) -> list[Path]:
    """Every marker (units, venvs, installed bytecode); with complete_only, the ones a check touches."""
    return [Path(d) / f for d, _, fs in os.walk(root)
            for f in fs if f == ".satchel-complete" or (not complete_only and f.startswith(".satchel-bytecode-"))]


def _before_boot(root: Path):
    def prepare():
        stamp = _boot_time() - 60
        for marker in _markers(root):
            os.utime(marker, (stamp, stamp), follow_symlinks=False)
    return prepare


def _empty(root: Path):
    def prepare():
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(mode=0o700)
        os.sync()
    return prepare


def run(w: Work, aws_apps: dict, rounds: int, warmup: int) -> dict | None:
    variants = aws_apps.get("variants", {})
    if "satchel-build" not in variants:
        w.skip("reboot: needs the satchel-build awscli variant")
        return None
    argv = variants["satchel-build"]
    d = w.root / "reboot"
    shutil.rmtree(d, ignore_errors=True)
    roots = {name: d / name for name in ("warm", "after-reboot", "first-run", "first-run-durable")}
    for root in roots.values():
        root.mkdir(parents=True, mode=0o700)

    def env(name: str, **extra: str) -> dict[str, str]:
        return w.env(SATCHEL_ROOT=str(roots[name]), SATCHEL_PYTHON=w.py311, **extra)

    for name in ("warm", "after-reboot"):
        timing.run_checked(timing.Variant(name, argv, env(name)))
    checked = len(_markers(roots["after-reboot"], complete_only=True))
    _before_boot(roots["after-reboot"])()
    probe = timing.spawn(argv, env("after-reboot"))
    fresh = sum(1 for m in _markers(roots["after-reboot"], complete_only=True) if m.stat().st_mtime > _boot_time())
    if probe.status != 0 or fresh != checked:
        w.skip(f"reboot: the start after a simulated reboot exited {probe.status} and refreshed {fresh} of {checked} markers")
        return None
    cases = [
        timing.Variant("warm", argv, env("warm"), note="warmed cache"),
        timing.Variant("after-reboot", argv, env("after-reboot"), prepare=_before_boot(roots["after-reboot"]),
                       note=f"every marker set before the boot: {checked} units and venvs fully checked, nothing repaired, markers touched"),
        timing.Variant("first-run", argv, env("first-run"), prepare=_empty(roots["first-run"]), note="empty cache"),
        timing.Variant("first-run-durable", argv, env("first-run-durable", SATCHEL_DURABLE="1"),
                       prepare=_empty(roots["first-run-durable"]), note="empty cache, SATCHEL_DURABLE=1"),
    ]
    say(f"reboot: {rounds} rounds of {len(cases)} variants ({checked} markers)")
    runs = timing.interleave(cases, rounds, warmup)
    shutil.rmtree(d, ignore_errors=True)
    return {
        "name": "reboot",
        "markers": checked,
        "variants": {v.name: {"argv": v.argv, "note": v.note, **timing.summary(runs[v.name])} for v in cases},
        "ratios": [timing.ratio(runs, a, b) for a, b in PAIRS],
    }
