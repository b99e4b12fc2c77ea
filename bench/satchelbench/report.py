"""The results file of a run: JSON (everything) and Markdown (the tables bench/README.md cites)."""
from __future__ import annotations

import json
from pathlib import Path


def _ms(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x:.2f}" if x < 100 else f"{x:.0f}"


def _bytes(n: int | float | None) -> str:
    if n is None:
        return "–"
    return f"{n / (1 << 20):.2f} MiB" if n >= 1 << 20 else f"{n / 1024:.0f} KiB"


def _value(goal: dict) -> str:
    v = goal["value"]
    if v is None:
        return "not measured"
    unit = goal["unit"]
    if unit == "bytes":
        return f"{v:,.0f} B ({_bytes(v)})"
    if unit == "KiB":
        return f"{v / 1024:.1f} MiB"
    if unit == "ms":
        return f"{v:.2f} ms"
    return f"{v:.3f}×"


def _bound(goal: dict) -> str:
    unit = goal["unit"]
    b = goal["bound"]
    if unit == "bytes":
        return f"≤ {_bytes(b)}"
    if unit == "KiB":
        return f"≤ {b / 1024:.0f} MiB"
    if unit == "ms":
        return f"≤ {b:g} ms"
    return f"≤ {b:g}×"


def _timing_tables(suite: dict, lines: list[str]) -> None:
    lines.append("| variant | median ms | p10 | p90 | min | CPU median ms | n |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for name, v in suite["variants"].items():
        lines.append(f"| {name} | {_ms(v['median_ms'])} | {_ms(v['p10_ms'])} | {_ms(v['p90_ms'])} | {_ms(v['min_ms'])} | "
                     f"{_ms(v['cpu_median_ms'])} | {v['n']} |")
    if suite.get("ratios"):
        lines.append("")
        lines.append("| A / B (same rounds) | ratio of medians | per-round ratio: median [p10, p90] | A − B per round: median [p10, p90] ms | CPU-time ratio |")
        lines.append("|---|---:|---:|---:|---:|")
        for r in suite["ratios"]:
            lines.append(f"| {r['a']} / {r['b']} | {r['ratio_of_medians']:.3f} | {r['paired_ratio_median']:.3f} "
                         f"[{r['paired_ratio_p10']:.3f}, {r['paired_ratio_p90']:.3f}] | {r['paired_diff_median_ms']:+.2f} "
                         f"[{r['paired_diff_p10_ms']:+.2f}, {r['paired_diff_p90_ms']:+.2f}] | "
                         + (f"{r['cpu_ratio_of_medians']:.3f} |" if r.get("cpu_ratio_of_medians") else "– |"))
    notes = [(n, v.get("note")) for n, v in suite["variants"].items() if v.get("note")]
    if notes:
        lines.append("")
        for n, note in notes:
            lines.append(f"- {n}: {note}")
    lines.append("")
    lines.append("<details><summary>commands</summary>\n")
    for name, v in suite["variants"].items():
        lines.append(f"- {name}: `{' '.join(v['argv'])}`")
    lines.append("\n</details>\n")


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [f"# Satchel benchmark results, {m['date_utc']} ({results['mode']})", ""]
    lines.append(f"- command: `{results['command']}`")
    lines.append(f"- machine: {m['nproc']} CPUs ({m['cpu']}), {m['mem_gib']} GiB, {m['os']}, kernel {m['kernel']}; "
                 f"load average at start {m['loadavg_start'][0]:.2f}, at end {results.get('loadavg_end', [0])[0]:.2f} "
                 "(a shared machine: other work was running)")
    lines.append("- versions: " + "; ".join(f"{k} {v}" for k, v in m["versions"].items()))
    lines.append(f"- duration: {results.get('duration_s', 0):.0f} s")
    if results.get("skipped"):
        lines.append("- skipped or left out:")
        for s in results["skipped"]:
            lines.append(f"  - {s}")
    lines.append("")
    lines.append("## Goals")
    lines.append("")
    lines.append("| goal | bound | measured | verdict |")
    lines.append("|---|---|---|---|")
    for g in results["goals"]:
        verdict = {True: "met", False: "**missed**", None: "not measured"}[g["met"]]
        lines.append(f"| {g['goal']} | {_bound(g)} | {_value(g)} | {verdict} |")
    lines.append("")
    suites = results["suites"]
    titles = {
        "warm-native": "Warm start, native entry (launcher overhead)",
        "warm-hello": "Warm start, Python hello-world",
        "warm-aws": "Warm start, awscli (`--version`)",
        "first-run-disk": "First run (empty cache), on disk",
        "first-run-tmpfs": "First run (empty cache), on tmpfs",
        "cli": "The satchel CLI: native (NativeAOT) against JIT",
    }
    for key, title in titles.items():
        if key in suites:
            lines.append(f"## {title}")
            lines.append("")
            _timing_tables(suites[key], lines)
            if "native_bytes" in suites[key]:
                lines.append(f"Native binary {_bytes(suites[key]['native_bytes'])} (both launchers embedded); the JIT CLI's "
                             f"apphost and assemblies {_bytes(suites[key]['jit_assemblies_bytes'])}, plus the .NET 10 runtime.")
                lines.append("")
            cold = suites[key].get("cold")
            if cold:
                lines.append("First two runs of each variant after emptying SATCHEL_ROOT and PEX_ROOT (one sample each):")
                lines.append("")
                lines.append("| variant | 1st run ms | 2nd run ms |")
                lines.append("|---|---:|---:|")
                for n, c in cold.items():
                    lines.append(f"| {n} | {_ms(c['first_ms'])} | {_ms(c['second_ms'])} |")
                lines.append("")
    if "hyperfine" in suites and suites["hyperfine"]:
        lines.append("hyperfine cross-check (not interleaved):")
        lines.append("")
        for cmd, r in suites["hyperfine"].get("results", {}).items():
            lines.append(f"- `{cmd}`: median {r['median_ms']:.2f} ms, mean {r['mean_ms']:.2f} ± {r['stddev_ms']:.2f} ms")
        lines.append("")
    if "size" in suites:
        s = suites["size"]
        lines.append("## Size")
        lines.append("")
        lines.append(f"Tree: {_bytes(s['tree_bytes'])} ({s['tree_bytes']:,} bytes). Launcher: {s['launcher_bytes']:,} bytes ({_bytes(s['launcher_bytes'])}).")
        lines.append("")
        lines.append("| output | bytes | size | / zip -6 | build s |")
        lines.append("|---|---:|---:|---:|---:|")
        for name, o in s["outputs"].items():
            build = f"{o['build_s']:.1f}" if o.get("build_s") is not None else "–"
            lines.append(f"| {name} | {o['bytes']:,} | {_bytes(o['bytes'])} | {o['vs_zip']:.3f} | {build} |")
        lines.append("")
    if "build" in suites:
        b = suites["build"]
        lines.append("## Build time and peak memory")
        lines.append("")
        _timing_tables(b, lines)
        for key, label in (("pack_gnu_time", "satchel pack"), ("extract_gnu_time", "launcher, first run of the tree")):
            g = b.get(key)
            if g:
                lines.append(f"- {label}: peak RSS {g['maxrss_kib'] / 1024:.1f} MiB, {g['wall_s']:.2f} s (`{g['command']}`)")
        lines.append("")
        if b.get("install"):
            lines.append("Installing the same distributions from wheels (satchel build: cold, and with the build cache):")
            lines.append("")
            _timing_tables(b["install"], lines)
            for key, label in (("cold_gnu_time", "satchel build, cold"), ("edited_gnu_time", "satchel build, one --sources file edited, build cache warm")):
                g = b["install"].get(key)
                if g:
                    lines.append(f"- {label}: peak RSS {g['maxrss_kib'] / 1024:.1f} MiB, {g['wall_s']:.2f} s")
            lines.append("")
    if "trace" in suites and not suites["trace"].get("skipped"):
        t = suites["trace"]
        w = t["warm_launcher_phase"]
        lines.append("## System calls")
        lines.append("")
        if "error" not in w:
            lines.append(f"Warm start (native entry): the launcher makes {w['syscalls']} system calls on {w['threads']} thread(s) "
                         f"between its execve and the entry's; an empty NativeAOT program makes {t['aot_empty_syscalls']} in its whole life.")
            lines.append("")
            lines.append("| call | count |")
            lines.append("|---|---:|")
            for name, count in w["by_name"].items():
                lines.append(f"| {name} | {count} |")
            lines.append("")
        lines.append(f"Full traces and `strace -c` tables: {t['dir']}")
        lines.append("")
        lines.append("First run of the large tree, `strace -f -c`:\n\n```\n" + t["first_run_summary"].strip() + "\n```\n")
        lines.append("`tar -xf` of the same tree, `strace -f -c`:\n\n```\n" + t["tar_summary"].strip() + "\n```\n")
    return "\n".join(lines) + "\n"


def write(results: dict, directory: Path, stem: str) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    j = directory / f"{stem}.json"
    md = directory / f"{stem}.md"
    j.write_text(json.dumps(results, indent=1, default=str))
    md.write_text(markdown(results))
    return j, md
