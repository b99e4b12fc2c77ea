"""System-call traces (strace) of a warm start and of a first run, to see where the launcher's
time goes. strace slows every call down, so only counts and the order of calls are worth
reading here, not its times."""
from __future__ import annotations

import collections
import re
import shutil
import subprocess
from pathlib import Path

from ..fixtures import Work
from ..log import say

_CALL = re.compile(r"^(\d+)\s+(\d\d:\d\d:\d\d\.\d+)\s+(?!<\.\.\.)([a-z_0-9]+)\(")


def _seconds(stamp: str) -> float:
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def launcher_phase(trace: Path) -> dict:
    """The calls between the launcher's own execve and the execve of the entry."""
    calls = []
    for line in trace.read_text(errors="replace").splitlines():
        m = _CALL.match(line)
        if m:
            calls.append((m.group(3), _seconds(m.group(2)), line))
    execs = [i for i, c in enumerate(calls) if c[0] == "execve"]
    if len(execs) < 2:
        return {"error": f"expected two execve calls, found {len(execs)}"}
    phase = calls[execs[0] + 1: execs[1]]
    counts = collections.Counter(name for name, _, _ in phase)
    threads = len({line.split()[0] for _, _, line in phase})
    return {
        "syscalls": len(phase),
        "threads": threads,
        "by_name": dict(counts.most_common()),
        "traced_ms": (calls[execs[1]][1] - calls[execs[0]][1]) * 1000,
        "file_calls": [line for name, _, line in phase
                       if name in ("openat", "open", "stat", "newfstatat", "statx", "access", "readlink", "readlinkat", "pread64", "read", "mmap")],
    }


def summary_table(path: Path) -> str:
    return path.read_text(errors="replace")


def _strace(argv: list[str], out: Path, env: dict[str, str], summary: bool) -> None:
    flags = ["-f", "-c"] if summary else ["-f", "-tt", "-T", "-s", "120"]
    subprocess.run(["strace", *flags, "-o", str(out), *argv], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run(w: Work, native: dict, packed_noop: Path, tar: Path, out_dir: Path) -> dict:
    if not shutil.which("strace"):
        w.skip("trace: strace is not installed")
        return {"name": "trace", "skipped": True}
    out_dir.mkdir(parents=True, exist_ok=True)
    env = w.env()
    subprocess.run([native["satchel"]], env=env, check=True)  # make sure its unit is cached
    say("trace: strace of a warm start (native entry) and of the empty NativeAOT program")
    _strace([native["satchel"]], out_dir / "warm-native.trace", env, summary=False)
    _strace([native["satchel"]], out_dir / "warm-native.summary", env, summary=True)
    _strace([native["aot_empty"]], out_dir / "aot-empty.trace", env, summary=False)
    _strace([native["aot_empty"]], out_dir / "aot-empty.summary", env, summary=True)
    warm = launcher_phase(out_dir / "warm-native.trace")
    aot_calls = sum(1 for line in (out_dir / "aot-empty.trace").read_text().splitlines() if _CALL.match(line)) - 1

    say("trace: strace -c of a first run of the large tree, and of tar -xf of it")
    root = w.root / "trace-root"
    dest = w.root / "trace-tar"
    for d in (root, dest):
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(mode=0o700)
    _strace([str(packed_noop)], out_dir / "first-run.summary", {**env, "SATCHEL_ROOT": str(root)}, summary=True)
    _strace(["/bin/tar", "-xf", str(tar), "-C", str(dest)], out_dir / "tar.summary", env, summary=True)
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(dest, ignore_errors=True)
    return {
        "name": "trace",
        "dir": str(out_dir),
        "warm_launcher_phase": warm,
        "aot_empty_syscalls": aot_calls,
        "first_run_summary": summary_table(out_dir / "first-run.summary"),
        "tar_summary": summary_table(out_dir / "tar.summary"),
        "warm_summary": summary_table(out_dir / "warm-native.summary"),
    }
