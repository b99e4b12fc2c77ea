"""Containers (docs/containers.md): awscli `--version` run as another user (uid 65534) from a cache
prebaked by root with `SATCHEL_TOOLS=1 APP warm`, read-only, with PYTHONDONTWRITEBYTECODE=1, against
the venv run the same way (read-only, same user, same variable; its bytecode is what pip wrote).

The timed runs happen inside a private mount namespace (`unshare -m`, so nothing leaks out), where
the cache and the venv are bind-mounted read-only and, because pyenv's interpreters live under
root's 0700 home, that home is covered by a 0755 tmpfs holding a bind mount of the pyenv tree
only. Each timed command is `setpriv --reuid 65534 ... APP --version`: both variants pay setpriv's
exec alike."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .. import timing
from ..fixtures import Work
from ..log import say

NOBODY = "65534"
PAIRS = [("satchel-build", "venv-py311")]


def _as_nobody(argv: list[str]) -> list[str]:
    # posix_spawn does not search PATH.
    return [shutil.which("setpriv") or "/usr/bin/setpriv", "--reuid", NOBODY, "--regid", NOBODY, "--clear-groups", "--", *argv]


def run(w: Work, aws_apps: dict, rounds: int, warmup: int) -> dict | None:
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("setpriv"):
        w.skip("containers: needs root, unshare and setpriv")
        return None
    variants = aws_apps.get("variants", {})
    if "satchel-build" not in variants or "venv-py311" not in variants:
        w.skip("containers: needs the satchel-build and venv-py311 awscli variants")
        return None
    d = w.root / "containers"
    if d.exists():
        shutil.rmtree(d)
    cache = d / "cache"
    cache.mkdir(parents=True)
    cache.chmod(0o755)
    d.chmod(0o755)
    app = variants["satchel-build"][0]
    os.chmod(app, 0o755)
    env = w.env(SATCHEL_ROOT=str(cache), SATCHEL_PYTHON=w.py311)
    say("containers: SATCHEL_TOOLS=1 aws warm, as root, into a 0755 root")
    warm = subprocess.run([app, "warm"], env={**env, "SATCHEL_TOOLS": "1"}, capture_output=True, text=True)
    if warm.returncode != 0 or warm.stdout or warm.stderr:
        w.skip(f"containers: warm failed or printed something: {warm.returncode} {warm.stdout[-300:]} {warm.stderr[-300:]}")
        return None
    # pyenv's interpreters sit under root's home (0700): give uid 65534 a way to them, in the namespace only.
    real = os.path.realpath(w.py311)
    home = Path(os.path.expanduser("~root"))
    hidden = None
    if real.startswith(str(home) + "/") and (home.stat().st_mode & 0o001) == 0:
        hidden = str(home / Path(real).relative_to(home).parts[0])
    venv = Path(variants["venv-py311"][0]).parents[1]
    run_env = {**env, "HOME": "/nonexistent", "PYTHONDONTWRITEBYTECODE": "1"}
    spec = {
        "rounds": rounds, "warmup": warmup, "env": run_env, "hidden": hidden, "home": str(home), "stage": str(d / "stage"),
        "read_only": [str(cache), str(venv)],
        "variants": {"satchel-build": _as_nobody(variants["satchel-build"]), "venv-py311": _as_nobody(variants["venv-py311"])},
    }
    (d / "stage").mkdir()
    say(f"containers: {rounds} rounds of 2 variants as uid {NOBODY}, read-only, PYTHONDONTWRITEBYTECODE=1")
    inner = subprocess.run(["unshare", "-m", "--", sys.executable, "-m", "satchelbench.suites.containers", json.dumps(spec)],
                           cwd=str(Path(__file__).resolve().parents[2]), capture_output=True, text=True)
    if inner.returncode != 0:
        w.skip(f"containers: the namespace run failed: {inner.stderr[-800:]}")
        return None
    data = json.loads(inner.stdout)
    runs = {name: [timing.Run(**r) for r in rs] for name, rs in data["runs"].items()}
    notes = {"satchel-build": "awscli built by satchel, cache prebaked by root (warm), read-only, run as uid 65534",
             "venv-py311": "the venv, read-only, run as uid 65534"}
    return {
        "name": "containers",
        "variants": {n: {"argv": spec["variants"][n], "note": notes[n], **timing.summary(runs[n])} for n in runs},
        "ratios": [timing.ratio(runs, a, b) for a, b in PAIRS],
        "checks": data["checks"],
    }


def _inner(spec: dict) -> int:
    """Runs as root inside the private mount namespace: makes the mounts, then times the variants."""
    def mount(*args: str) -> None:
        subprocess.run(["mount", *args], check=True)

    mount("--make-rprivate", "/")
    if spec["hidden"]:
        stage = spec["stage"]
        mount("--bind", spec["hidden"], stage)
        mount("-t", "tmpfs", "-o", "mode=0755", "none", spec["home"])
        target = os.path.join(spec["home"], os.path.basename(spec["hidden"]))
        os.mkdir(target)
        mount("--bind", stage, target)
    for path in spec["read_only"]:
        mount("--bind", path, path)
        mount("-o", "remount,bind,ro", path)
    checks = {}
    for name, argv in spec["variants"].items():
        out = subprocess.run(argv, env=spec["env"], capture_output=True, text=True)
        checks[name] = {"status": out.returncode, "stdout": out.stdout.strip()[-200:], "stderr": out.stderr.strip()[-300:]}
        if out.returncode != 0 or "aws-cli/" not in out.stdout + out.stderr:
            print(f"{name} does not run as uid {NOBODY}: {checks[name]}", file=sys.stderr)
            return 1
    variants = [timing.Variant(name, argv, spec["env"]) for name, argv in spec["variants"].items()]
    runs = timing.interleave(variants, spec["rounds"], spec["warmup"])
    json.dump({"runs": {n: [r.__dict__ for r in rs] for n, rs in runs.items()}, "checks": checks}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(_inner(json.loads(sys.argv[1])))
