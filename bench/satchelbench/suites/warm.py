"""Warm start: every cache already filled, many interleaved runs of each way to start the same app."""
from __future__ import annotations

import shutil
import sysconfig
import subprocess

from .. import timing
from ..fixtures import Work, check_python_app
from ..log import say


def _result(name: str, runs: dict, variants: list[timing.Variant], pairs: list[tuple[str, str]], extra: dict | None = None) -> dict:
    return {
        "name": name,
        "variants": {v.name: {"argv": v.argv, "note": v.note, **timing.summary(runs[v.name])} for v in variants},
        "ratios": [timing.ratio(runs, a, b) for a, b in pairs if a in runs and b in runs],
        **(extra or {}),
    }


def native(w: Work, apps: dict, rounds: int, warmup: int) -> dict:
    env = w.env()
    variants = [
        timing.Variant("c-empty", [apps["c_empty"]], env, note="gcc -O2, int main(void){return 0;}"),
        timing.Variant("aot-empty", [apps["aot_empty"]], env, note="NativeAOT net9.0, empty Main, the launcher's settings"),
        timing.Variant("cached-entry", [apps["cached_entry"]], env, note="the packed copy of c-empty, run from the cache directly"),
        timing.Variant("c-exec-wrapper", [apps["c_exec"], apps["cached_entry"]], env,
                       note="gcc -O2, a C program that only execv's the cached entry: the floor of any launcher that execs"),
        timing.Variant("satchel", [apps["satchel"]], env, note="satchel pack of c-empty: launcher + exec of the cached entry"),
        timing.Variant("satchel-nolocks", [apps["satchel"]], {**env, **NO_LOCKS},
                       note="the same app with SATCHEL_IN_USE_LOCKS=0: the difference is the in-use lock's cost"),
    ]
    if "satchel_baseline" in apps:
        variants.append(timing.Variant("satchel-baseline", [apps["satchel_baseline"]], env,
                                       note="the same app packed with --baseline-launcher: the difference is the launcher's"))
    say(f"warm native: {rounds} rounds of {len(variants)} variants")
    runs = timing.interleave(variants, rounds, warmup)
    return _result("warm-native", runs, variants,
                   [("satchel", "cached-entry"), ("c-exec-wrapper", "cached-entry"), ("satchel", "c-exec-wrapper"), ("satchel", "aot-empty"), ("aot-empty", "c-empty"), ("cached-entry", "c-empty"),
                    ("satchel", "satchel-nolocks"), ("satchel", "satchel-baseline"), ("satchel-baseline", "cached-entry")])


# A running app holds a shared flock on each unit (and its venv) it uses, so prune/purge skip them
# (docs/cache-layout.md). This switches it off, to measure what it costs on the warm path.
NO_LOCKS = {"SATCHEL_IN_USE_LOCKS": "0"}


def _with_nolocks_variant(apps: dict) -> dict:
    """Adds `satchel-build-nolocks`: the satchel-build app run without its in-use locks (one per unit + the venv)."""
    if "satchel-build" not in apps["variants"]:
        return apps
    variants = {**apps["variants"], "satchel-build-nolocks": apps["variants"]["satchel-build"]}
    env = {**apps.get("env", {})}
    env["satchel-build-nolocks"] = {**env.get("satchel-build", {}), **NO_LOCKS}
    notes = {**apps.get("notes", {}), "satchel-build-nolocks": "satchel-build with SATCHEL_IN_USE_LOCKS=0 (in-use lock cost)"}
    return {**apps, "variants": variants, "env": env, "notes": notes}


def _python_suite(name: str, w: Work, apps: dict, rounds: int, warmup: int, expect: str, module: str | None,
                  pairs: list[tuple[str, str]], cold: bool) -> dict:
    apps = _with_nolocks_variant(apps)
    env = w.env()
    forbidden = None
    if module:
        purelib = subprocess.run([w.py311, "-I", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                 capture_output=True, text=True, check=True).stdout.strip()
        forbidden = f"{purelib}/{module}/"
    cold_runs: dict = {}
    if cold:
        # The first two runs of each variant after emptying the caches (one sample each: noisy).
        w.reset_caches()
        for vname, argv in apps["variants"].items():
            venv_ = {**env, **apps.get("env", {}).get(vname, {})}
            first = timing.spawn(argv, venv_)
            second = timing.spawn(argv, venv_)
            cold_runs[vname] = {"first_ms": first.wall_ms, "second_ms": second.wall_ms, "status": [first.status, second.status]}
    checks = {}
    variants = []
    for vname, argv in apps["variants"].items():
        venv_ = {**env, **apps.get("env", {}).get(vname, {})}
        check = check_python_app(vname, argv, venv_, expect, forbidden, module)
        checks[vname] = check
        if check["ok"]:
            variants.append(timing.Variant(vname, argv, venv_, note=apps.get("notes", {}).get(vname, "")))
        else:
            w.skip(f"{name}: {vname} does not run correctly, left out of the timing: {check['why']}")
    say(f"{name}: {rounds} rounds of {len(variants)} variants")
    runs = timing.interleave(variants, rounds, warmup)
    return _result(name, runs, variants, pairs, {"checks": checks, "cold": cold_runs})


HELLO_PAIRS = [("satchel-pack", "venv-py311"), ("satchel-pack", "cached-entry"), ("cached-entry", "venv-py311"),
               ("zipapp", "venv-py311"), ("pex-py310", "venv-py310"), ("satchel-build-c", "venv-py311"),
               ("satchel-build", "venv-py311-m"), ("venv-py311-m", "venv-py311"), ("satchel-build", "satchel-build-nolocks")]


def hello(w: Work, apps: dict, rounds: int, warmup: int) -> dict:
    return _python_suite("warm-hello", w, apps, rounds, warmup, "hello, world", None, HELLO_PAIRS, cold=False)


AWS_PAIRS = [("satchel-pack", "venv-py311"), ("satchel-pack", "cached-entry"), ("satchel-pack-nopyc", "satchel-pack"), ("zipapp", "venv-py311"),
             ("pex-py310", "venv-py310"), ("venv-py310", "venv-py311"), ("satchel-build", "venv-py311"),
             ("satchel-build", "satchel-build-nolocks"), ("satchel-build-c", "venv-py311-script"), ("venv-py311-script", "venv-py311")]


def aws(w: Work, apps: dict, rounds: int, warmup: int) -> dict:
    result = _python_suite("warm-aws", w, apps, rounds, warmup, "aws-cli/", "botocore", AWS_PAIRS, cold=True)
    return result


def hyperfine_crosscheck(w: Work, apps: dict, runs: int, out_json: str) -> dict | None:
    """hyperfine (not interleaved: all runs of one command, then the other) as a second opinion on
    the launcher overhead; --shell=none so no shell start is subtracted."""
    if not shutil.which("hyperfine"):
        return None
    env = w.env()
    argv = ["hyperfine", "-N", "--warmup", "20", "--runs", str(runs), "--export-json", out_json,
            apps["cached_entry"], apps["satchel"]]
    out = subprocess.run(argv, capture_output=True, text=True, env=env)
    if out.returncode != 0:
        return {"error": out.stderr[-500:]}
    import json
    data = json.load(open(out_json))
    rows = {r["command"]: {"median_ms": r["median"] * 1000, "mean_ms": r["mean"] * 1000, "stddev_ms": (r["stddev"] or 0) * 1000}
            for r in data["results"]}
    return {"argv": argv, "results": rows}
