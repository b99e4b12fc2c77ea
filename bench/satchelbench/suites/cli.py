"""The satchel CLI itself: the native binary that scripts/build-dist publishes with NativeAOT against the
JIT CLI (`dotnet build`'s apphost), the same commands interleaved (docs/distribution.md)."""
from __future__ import annotations

import subprocess
from pathlib import Path

from .. import timing
from ..fixtures import Work
from ..log import say


def native_binary(repo: Path) -> Path:
    """artifacts/dist/satchel-linux-x86_64, brought up to date by scripts/build-dist (a few minutes the first time)."""
    say("building the native satchel (scripts/build-dist)")
    out = subprocess.run([str(repo / "scripts" / "build-dist")], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"bench: scripts/build-dist failed:\n{out.stderr}")
    return repo / "artifacts" / "dist" / "satchel-linux-x86_64"


def run(w: Work, native: Path, app: str, rounds: int, warmup: int) -> dict:
    env = w.env()
    jit = str(w.satchel.binary)
    variants = [
        timing.Variant("jit-version", [jit, "--version"], env, note="the JIT CLI (.NET 10 apphost + satchel.dll)"),
        timing.Variant("native-version", [str(native), "--version"], env, note="the NativeAOT CLI, one file"),
        timing.Variant("jit-inspect", [jit, "inspect", app], env, note="inspect of the packed c-empty app (native suite's)"),
        timing.Variant("native-inspect", [str(native), "inspect", app], env, note="the same with the NativeAOT CLI"),
    ]
    say(f"cli: {rounds} rounds of {len(variants)} variants")
    runs = timing.interleave(variants, rounds, warmup)
    jit_files = sorted(p for p in Path(jit).parent.iterdir() if p.is_file() and p.suffix in (".dll", "") and p.name != "createdump")
    return {
        "name": "cli",
        "variants": {v.name: {"argv": v.argv, "note": v.note, **timing.summary(runs[v.name])} for v in variants},
        "ratios": [timing.ratio(runs, a, b) for a, b in [("native-version", "jit-version"), ("native-inspect", "jit-inspect")]],
        "native_bytes": native.stat().st_size,
        "jit_assemblies_bytes": sum(p.stat().st_size for p in jit_files),
    }
