"""Build time and peak memory: `satchel pack` of the large tree against `zip -6 -r` of it
(interleaved), peak RSS of the build and of the launcher while it extracts (GNU time -v),
and `pip install --target` of the same distributions against `satchel build`: cold
(`--no-build-cache`), unchanged rebuild and rebuild after editing one `--sources` file, both with
the build cache (issue #23), interleaved in the same rounds."""
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
        result["install"] = _install(w, d, wheelhouse, pip_rounds)
    return result


SOURCES_APP = "benchapp"


def _install(w: Work, d: Path, wheelhouse: Path, rounds: int) -> dict | None:
    """pip install --target of awscli's wheels against satchel build of the same wheels plus a small
    --sources package (`-m benchapp`, which imports awscli): cold, unchanged, one file edited."""
    target = d / "pip-target"
    pip = timing.Variant("pip install --target", [w.py311, "-m", "pip", "install", "--quiet", "--no-index",
                                                  "--disable-pip-version-check", "--find-links", str(wheelhouse),
                                                  "--target", str(target), "awscli"],
                         w.env(), prepare=_remove(target))
    variants = [pip]
    gnu: dict = {}
    if w.satchel.build_help():
        sources = d / "sources"
        shutil.rmtree(sources, ignore_errors=True)
        (sources / SOURCES_APP).mkdir(parents=True)
        edited = sources / SOURCES_APP / "__init__.py"
        edited.write_text("EDITS = 0\n")
        (sources / SOURCES_APP / "__main__.py").write_text("import awscli.clidriver\nprint('benchapp')\n")
        built = d / "aws-build.satchel"
        argv = w.satchel.build_argv(["awscli"], built, w.py311, wheelhouse, module=SOURCES_APP) + ["--sources", str(sources), "--quiet"]
        cache_env = {**w.env(), "SATCHEL_ROOT": str(d / "build-cache-root")}
        shutil.rmtree(d / "build-cache-root", ignore_errors=True)
        edits = [0]

        def edit():
            _remove(built)()
            edits[0] += 1
            edited.write_text(f"EDITS = {edits[0]}\n")

        cold = argv + ["--no-build-cache"]
        variants += [
            timing.Variant("satchel build", cold, w.env(), prepare=_remove(built), note="cold: --no-build-cache"),
            timing.Variant("satchel build unchanged", argv, cache_env, prepare=_remove(built), note="build cache warm, same inputs"),
            timing.Variant("satchel build edited", argv, cache_env, prepare=edit, note="build cache warm, one --sources file edited before each run"),
        ]
        say("build: filling the build cache once (untimed)")
        timing.run_checked(variants[2])
        say("build: peak RSS of a cold satchel build and of a rebuild after an edit (GNU time -v)")
        _remove(built)()
        gnu["cold_gnu_time"] = gnu_time(cold, w.env())
        edit()
        gnu["edited_gnu_time"] = gnu_time(argv, cache_env)
    say(f"build: {rounds} rounds of {', '.join(v.name for v in variants)}")
    try:
        runs = timing.interleave(variants, rounds, warmup=0)
    except timing.CommandFailed as e:
        w.skip(f"build: {e}")
        return None
    finally:
        _remove(target)()
    names = [v.name for v in variants[1:]]
    return {
        "variants": {v.name: {"argv": v.argv, "note": v.note, **timing.summary(runs[v.name])} for v in variants},
        "ratios": [timing.ratio(runs, name, "pip install --target") for name in names],
        **gnu,
    }
