"""The goals of issue #9 and the issues it cites, in one place, and how a figure is judged
against them. A goal is a bound on a measured figure; `met` is None when the figure is missing."""
from __future__ import annotations

MIB = 1 << 20

GOALS = {
    "launcher_overhead_ms": ("warm start: launcher overhead over running the cached entry directly", "<=", 2.0, "ms"),
    "launcher_overhead_vs_exec_wrapper": ("warm start: launcher overhead / a C exec wrapper's overhead, over the cached entry", "<=", 1.5, "x"),
    "hello_build_vs_venv": ("warm start hello-world: satchel build -c hello / the venv's console script", "<=", 1.10, "x"),
    "aws_build_vs_venv": ("warm start awscli: satchel build -c aws / the venv's bin/aws", "<=", 1.02, "x"),
    "containers_vs_venv": ("awscli as uid 65534, read-only prebaked cache, PYTHONDONTWRITEBYTECODE=1: satchel build / venv", "<=", 1.02, "x"),
    "build_vs_zip": ("satchel build of awscli (with bytecode) / zip -6 -r of the installed tree with its __pycache__", "<=", 0.85, "x"),
    "first_run_vs_tar_disk": ("first run (empty cache), on disk: satchel / tar -xf", "<=", 1.5, "x"),
    "first_run_vs_tar_tmpfs": ("first run (empty cache), on tmpfs: satchel / tar -xf", "<=", 1.5, "x"),
    "cli_version_native_vs_jit": ("satchel --version: the native CLI (NativeAOT) / the JIT CLI", "<=", 0.3, "x"),
    "cli_inspect_native_vs_jit": ("satchel inspect APP: the native CLI (NativeAOT) / the JIT CLI", "<=", 0.3, "x"),
    "launcher_bytes": ("launcher size", "<=", 2 * MIB, "bytes"),
    "output_vs_zip": ("output size / zip -6 -r of the same tree", "<=", 0.85, "x"),
    "extract_rss_kib": ("launcher peak RSS while extracting the large tree", "<=", 30 * 1024, "KiB"),
    "build_rss_kib": ("satchel pack peak RSS on the large tree", "<=", 500 * 1024, "KiB"),
    "build_cold_vs_pip": ("satchel build of awscli, cold (--no-build-cache) / pip install --target of the same wheels", "<=", 1.0, "x"),
    "rebuild_edited_vs_pip": ("satchel build of awscli after editing one --sources file, build cache warm / pip install --target", "<=", 0.2, "x"),
    "rebuild_unchanged_vs_pip": ("satchel build of awscli, unchanged, build cache warm / pip install --target", "<=", 0.1, "x"),
    "build_cold_rss_kib": ("satchel build of awscli peak RSS, cold", "<=", 500 * 1024, "KiB"),
}


def judge(key: str, value: float | None) -> dict:
    text, op, bound, unit = GOALS[key]
    met = None if value is None else (value <= bound if op == "<=" else value >= bound)
    return {"key": key, "goal": text, "op": op, "bound": bound, "unit": unit, "value": value, "met": met}
