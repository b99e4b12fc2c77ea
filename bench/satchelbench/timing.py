"""Interleaved whole-process timing.

Every round runs each variant once, in an order shuffled afresh for every round (a fixed
seed, so a rerun uses the same orders). Slow drifts of a shared machine (a neighbour's
compile starting, the CPU clocking down) hit every variant alike, and so does the wake of
whatever ran just before: a 400 ms run leaves the next process ~0.5-1.3 ms slower (caches,
freed memory). A rotation (A B C, B C A, ...) keeps the cyclic order, so one variant always
ran right after the same neighbour; in warm-hello that was satchel-build after pex
(bench/README.md, 2026-11-22 08:30). Each run is one posix_spawn +
wait4 of the real command with stdout/stderr sent to /dev/null; wall time comes from
perf_counter_ns around it, CPU time from the child's rusage. (Not its peak RSS: a child
spawned by a 20 MB Python reports the parent's RSS as its own peak; peak RSS is measured with
GNU time, a small C parent, in the build benchmark.) A `prepare`
hook (untimed) runs before each timed run: the first-run benchmarks use it to hand each
run an empty cache or destination.
"""
from __future__ import annotations

import dataclasses
import os
import random
import statistics
import time
from typing import Callable, Sequence


@dataclasses.dataclass
class Variant:
    name: str
    argv: list[str]
    env: dict[str, str] | None = None
    cwd: str | None = None
    prepare: Callable[[], None] | None = None
    note: str = ""


@dataclasses.dataclass
class Run:
    wall_ms: float
    cpu_ms: float
    maxrss_kib: int
    status: int


class CommandFailed(RuntimeError):
    pass


def spawn(argv: Sequence[str], env: dict[str, str] | None = None, cwd: str | None = None) -> Run:
    """Runs argv once (argv[0] must be a path, no PATH search) with its output discarded, and measures it."""
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_DUP2, 1, 2),
    ]
    if cwd is not None:
        # posix_spawn has no chdir action before Python 3.13's; the few callers that need
        # a directory get it through a tiny shell, whose cost is the same for each variant.
        argv = ["/bin/sh", "-c", 'cd "$0" && exec "$@"', cwd, *argv]
    environment = os.environ.copy() if env is None else env
    start = time.perf_counter_ns()
    pid = os.posix_spawn(argv[0], list(argv), environment, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall = (time.perf_counter_ns() - start) / 1e6
    return Run(wall, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss, os.waitstatus_to_exitcode(status))


def run_checked(variant: Variant) -> Run:
    if variant.prepare:
        variant.prepare()
    run = spawn(variant.argv, variant.env, variant.cwd)
    if run.status != 0:
        raise CommandFailed(f"{variant.name}: exit status {run.status}: {' '.join(variant.argv)}")
    return run


# Any fixed value: the orders only need to differ between rounds, not between reruns.
SHUFFLE_SEED = 20261122


def interleave(variants: Sequence[Variant], rounds: int, warmup: int = 1,
               progress: Callable[[str], None] | None = None) -> dict[str, list[Run]]:
    """Warm-up runs (not kept), then `rounds` rounds, each in a freshly shuffled order; returns each variant's runs in round order."""
    for _ in range(warmup):
        for v in variants:
            run_checked(v)
    runs: dict[str, list[Run]] = {v.name: [] for v in variants}
    order = list(variants)
    shuffle = random.Random(SHUFFLE_SEED).shuffle
    for r in range(rounds):
        shuffle(order)
        for v in order:
            runs[v.name].append(run_checked(v))
        if progress and (r + 1) % max(1, rounds // 5) == 0:
            progress(f"round {r + 1}/{rounds}")
    return runs


def quantile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated quantile (q in [0, 1]) of a non-empty sample."""
    s = sorted(values)
    if len(s) == 1:
        return s[0]
    pos = q * (len(s) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def summary(runs: Sequence[Run]) -> dict:
    wall = [r.wall_ms for r in runs]
    cpu = [r.cpu_ms for r in runs]
    return {
        "n": len(runs),
        "median_ms": statistics.median(wall),
        "p10_ms": quantile(wall, 0.10),
        "p90_ms": quantile(wall, 0.90),
        "min_ms": min(wall),
        "max_ms": max(wall),
        "mean_ms": statistics.fmean(wall),
        "cpu_median_ms": statistics.median(cpu),
    }


def ratio(runs: dict[str, list[Run]], a: str, b: str) -> dict:
    """A against B measured in the same rounds: ratio of medians, and the median of the
    per-round ratios with its p10/p90 (each round's A and B ran back to back); also the ratio of
    the median CPU times (user + system), which a loaded machine disturbs less than wall time."""
    ta = [r.wall_ms for r in runs[a]]
    tb = [r.wall_ms for r in runs[b]]
    paired = [x / y for x, y in zip(ta, tb)]
    diffs = [x - y for x, y in zip(ta, tb)]
    ca = [r.cpu_ms for r in runs[a]]
    cb = [r.cpu_ms for r in runs[b]]
    return {
        "cpu_ratio_of_medians": statistics.median(ca) / statistics.median(cb) if statistics.median(cb) > 0 else None,
        "a": a,
        "b": b,
        "ratio_of_medians": statistics.median(ta) / statistics.median(tb),
        "paired_ratio_median": statistics.median(paired),
        "paired_ratio_p10": quantile(paired, 0.10),
        "paired_ratio_p90": quantile(paired, 0.90),
        "diff_of_medians_ms": statistics.median(ta) - statistics.median(tb),
        "paired_diff_median_ms": statistics.median(diffs),
        "paired_diff_p10_ms": quantile(diffs, 0.10),
        "paired_diff_p90_ms": quantile(diffs, 0.90),
    }
