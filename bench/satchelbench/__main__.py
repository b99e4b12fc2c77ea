"""bench/run: builds the benchmark apps and runs the whole-process benchmarks (or, with
--micro, the BenchmarkDotNet micro-benchmarks). See bench/README.md."""
from __future__ import annotations

import argparse
import datetime
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import fixtures, goals, machine, report
from .log import say
from .satchel_cli import Satchel
from .suites import build, cli, containers, first_run, reboot, size, trace, warm

REPO = Path(__file__).resolve().parents[2]
SUITES = ["native", "hello", "aws", "containers", "reboot", "first-run", "size", "build", "trace", "cli"]

# Runs per benchmark: --quick is a smoke test (minutes), the default is what README figures need.
PLANS = {
    "quick": dict(native=30, hello=10, aws=5, containers=5, reboot=3, first_run=3, build=1, pip=1, warmup=2, levels=[5, 9], hyperfine=0, gzip=True, cli=10),
    "full": dict(native=300, hello=100, aws=30, containers=30, reboot=10, first_run=10, build=3, pip=3, warmup=5, levels=[1, 5, 9, 11], hyperfine=300, gzip=True, cli=100),
}
DEFAULT_LEVEL = 9


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench/run", description=__doc__)
    p.add_argument("--quick", action="store_true", help="few runs of each benchmark: a smoke test, not figures to cite")
    p.add_argument("--micro", action="store_true", help="run the BenchmarkDotNet micro-benchmarks (short job) instead")
    p.add_argument("--only", default=",".join(SUITES), help=f"comma-separated subset of: {', '.join(SUITES)}")
    p.add_argument("--work-dir", default=os.environ.get("SATCHEL_BENCH_WORK", "/var/tmp/satchel-bench"),
                   help="where the apps, caches and archives go (default /var/tmp/satchel-bench)")
    p.add_argument("--results-dir", default=str(REPO / "bench" / "results"), help="where the results files go")
    p.add_argument("--baseline-launcher", metavar="PATH",
                   help="another satchel-launcher binary (e.g. one built from an older commit): warm-native and first-run "
                        "then also run the same apps packed with it, interleaved with the current launcher")
    p.add_argument("--cli", metavar="PATH", type=Path,
                   help="the satchel CLI every build, pack and inspect runs (default: the checkout's JIT CLI); e.g. "
                        "artifacts/dist/satchel-linux-x86_64 from scripts/build-dist, which must be newer than every source file")
    p.add_argument("--rounds", default="", metavar="SUITE=N,...",
                   help="override the plan's rounds for some suites, e.g. aws=200,containers=300 (keys: "
                        + ", ".join(k for k in PLANS["full"] if type(PLANS["full"][k]) is int) + ")")
    args, rest = p.parse_known_args(argv)
    if rest and not args.micro:
        p.error(f"unrecognized arguments: {' '.join(rest)}")
    caller = Path(os.environ.get("SATCHEL_BENCH_CALLER_DIR", os.getcwd()))
    if args.cli is not None:
        args.cli = caller / args.cli
    args.work_dir = str(caller / args.work_dir)
    args.results_dir = str(caller / args.results_dir)
    args.micro_args = rest  # with --micro: passed to BenchmarkDotNet (e.g. --filter '*Crc*')
    return args


def stem_now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H%M%SZ")


def run_micro(args: argparse.Namespace, pythons: dict) -> int:
    results = Path(args.results_dir)
    stem = stem_now() + "-micro"
    artifacts = results / stem
    project = REPO / "bench" / "Satchel.Benchmarks"
    say("building bench/Satchel.Benchmarks (Release)")
    subprocess.run(["dotnet", "build", str(project / "Satchel.Benchmarks.csproj"), "-c", "Release", "-nologo", "-v:q"], check=True)
    env = dict(os.environ)
    tree = Path(args.work_dir) / "aws" / "tree"
    if tree.is_dir() and "SATCHEL_BENCH_TREE" not in env:
        env["SATCHEL_BENCH_TREE"] = str(tree)
        say(f"micro: packing the awscli tree {tree} for the format and extraction benchmarks")
    dll = project / "bin" / "Release" / "net10.0" / "Satchel.Benchmarks.dll"
    extra = args.micro_args or ["--filter", "*"]
    code = subprocess.run(["dotnet", str(dll), "--artifacts", str(artifacts), *extra], env=env).returncode
    tables = sorted((artifacts / "results").glob("*-report-github.md"))
    m = machine.describe(REPO, pythons)
    md = [f"# Satchel micro-benchmarks, {m['date_utc']}", "",
          f"- command: `bench/run --micro {' '.join(args.micro_args)}`".rstrip(),
          f"- machine: {m['nproc']} CPUs ({m['cpu']}), load average at start {m['loadavg_start'][0]:.2f}",
          f"- satchel {m['versions']['satchel']}; data: {env.get('SATCHEL_BENCH_TREE', 'synthetic tree (see PackedFixture.cs)')}", ""]
    for t in tables:
        md.append(f"## {t.name.split('-report')[0].split('.')[-1]}\n")
        md.append(t.read_text())
    out = results / f"{stem}.md"
    out.write_text("\n".join(md) + "\n")
    say(f"micro-benchmark tables: {out}")
    return code


def main(argv: list[str]) -> int:
    args = parse(argv)
    pythons = {"3.11": machine.python("3.11"), "3.10": machine.python("3.10")}
    if args.micro:
        return run_micro(args, pythons)
    if pythons["3.11"] is None:
        print("bench: no Python 3.11 under pyenv (set SATCHEL_BENCH_PYTHON311)", file=sys.stderr)
        return 69
    mode = "quick" if args.quick else "full"
    plan = dict(PLANS[mode])
    for item in filter(None, (x.strip() for x in args.rounds.split(","))):
        key, _, value = item.partition("=")
        key = key.strip().replace("-", "_")
        if key not in plan or type(plan[key]) is not int or not value.strip().isdigit() or int(value) < 1:
            print(f"bench: --rounds {item!r}: expected SUITE=N with N >= 1 and SUITE one of "
                  f"{', '.join(k for k in plan if type(plan[k]) is int)}", file=sys.stderr)
            return 64
        plan[key] = int(value)
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(only) - set(SUITES)
    if unknown:
        print(f"bench: unknown suite(s) {', '.join(sorted(unknown))}; choose from {', '.join(SUITES)}", file=sys.stderr)
        return 64
    started = time.monotonic()
    stem = stem_now() + ("-quick" if args.quick else "")
    results_dir = Path(args.results_dir)

    sat = Satchel(REPO, args.cli)
    sat.ensure_built()
    work = fixtures.Work(Path(args.work_dir), REPO, sat, pythons["3.11"], pythons["3.10"])
    work.reset_caches()
    results: dict = {"mode": mode, "command": "bench/run " + " ".join(argv), "plan": plan,
                     "machine": machine.describe(REPO, pythons), "suites": {}}
    suites = results["suites"]
    if not sat.build_help():
        work.skip("`satchel build` is not available yet: the satchel-build variants and goals are not measured")

    if "native" in only:
        say("building the native apps")
        native = fixtures.build_native(work, args.baseline_launcher)
        suites["warm-native"] = warm.native(work, native, plan["native"], plan["warmup"])
        if plan["hyperfine"]:
            suites["hyperfine"] = warm.hyperfine_crosscheck(work, native, plan["hyperfine"], str(work.root / "hyperfine.json"))
    if "hello" in only:
        say("building the hello-world apps")
        hello = fixtures.build_hello(work)
        suites["warm-hello"] = warm.hello(work, hello, plan["hello"], plan["warmup"])
        suites["warm-hello"]["build_seconds"] = hello.get("build_seconds")

    needs_tree = {"aws", "containers", "reboot", "first-run", "size", "build", "trace"} & set(only)
    aws_apps: dict = {"variants": {}}
    if needs_tree:
        tree_info = fixtures.build_aws_tree(work)
        tree = Path(tree_info["tree"])
        results["aws_tree"] = {k: v for k, v in tree_info.items() if k != "dists_raw"}
        say(f"aws tree: {tree_info['tree_files']} files, {tree_info['tree_bytes'] / (1 << 20):.1f} MiB")
        packed_noop = work.root / "aws" / "aws-noop.satchel"
        results["aws_tree"]["pack_noop_seconds"] = sat.pack(tree, "noop", packed_noop)
        baseline_noop = None
        if args.baseline_launcher:
            baseline_noop = work.root / "aws" / "aws-noop-baseline.satchel"
            sat.pack(tree, "noop", baseline_noop, launcher=args.baseline_launcher)
    if "aws" in only:
        aws_apps = fixtures.build_aws(work, tree_info)
        results["aws_build"] = {k: v for k, v in aws_apps.items() if k != "variants"}
        apps = dict(aws_apps)
        # The cached entry of the packed aws, to separate the launcher from the interpreter.
        from .satchel_cli import cached_entry
        packed_aws = Path(aws_apps["variants"]["satchel-pack"][0])
        apps["variants"] = {**aws_apps["variants"], "cached-entry": [cached_entry(packed_aws, work.env(), ("--version",)), "--version"]}
        # The same app where Python cannot rewrite the bytecode the extraction made stale (the payload
        # keeps no mtimes): PYTHONDONTWRITEBYTECODE=1, as a read-only cache would behave. Own cache root.
        apps["variants"]["satchel-pack-nopyc"] = aws_apps["variants"]["satchel-pack"]
        apps["env"] = {"satchel-pack-nopyc": {"PYTHONDONTWRITEBYTECODE": "1", "SATCHEL_ROOT": str(work.cache / "satchel-nopyc")}}
        apps["notes"] = {"satchel-pack-nopyc": "satchel-pack with PYTHONDONTWRITEBYTECODE=1 and its own cache: every start recompiles the stale .pyc"}
        shutil.rmtree(work.cache / "satchel-nopyc", ignore_errors=True)
        (work.cache / "satchel-nopyc").mkdir(mode=0o700)
        suites["warm-aws"] = warm.aws(work, apps, plan["aws"], plan["warmup"])
    if "containers" in only:
        if not aws_apps["variants"]:
            aws_apps = fixtures.build_aws(work, tree_info, peers=False)
        result = containers.run(work, aws_apps, plan["containers"], plan["warmup"])
        if result is not None:
            suites["containers"] = result
    if "reboot" in only:
        if not aws_apps["variants"]:
            aws_apps = fixtures.build_aws(work, tree_info, peers=False)
        result = reboot.run(work, aws_apps, plan["reboot"], 1)
        if result is not None:
            suites["reboot"] = result
    archives = None
    if "first-run" in only or "trace" in only:
        archives = first_run.archives(work, tree, plan["gzip"])
    if "first-run" in only:
        suites["first-run-disk"] = first_run.run(work, "disk", work.root / "first-run", packed_noop, archives,
                                                 plan["first_run"], tree_info["tree_files"], baseline_noop)
        with first_run.Tmpfs(work.root / "tmpfs") as tmpfs:
            if tmpfs.mounted:
                suites["first-run-tmpfs"] = first_run.run(work, "tmpfs", tmpfs.path, packed_noop, archives,
                                                          plan["first_run"], tree_info["tree_files"], baseline_noop)
            else:
                work.skip(f"first run on tmpfs: {tmpfs.why}")
    if "size" in only:
        suites["size"] = size.run(work, tree, plan["levels"], DEFAULT_LEVEL, aws_apps)
    if "build" in only:
        wheelhouse = fixtures.wheels_for(work, tree_info)
        suites["build"] = build.run(work, tree, packed_noop, plan["build"], wheelhouse, plan["pip"])
    if "trace" in only:
        native_apps = native if "native" in only else fixtures.build_native(work)
        suites["trace"] = trace.run(work, native_apps, packed_noop, archives["tar"], results_dir / f"{stem}-strace")

    if "cli" in only:
        native_apps = native if "native" in only else fixtures.build_native(work)
        suites["cli"] = cli.run(work, cli.native_binary(REPO), native_apps["satchel"], plan["cli"], plan["warmup"])

    results["goals"] = evaluate(suites, sat)
    results["skipped"] = work.skipped
    results["loadavg_end"] = os.getloadavg()
    results["duration_s"] = time.monotonic() - started
    j, md = report.write(results, results_dir, stem)
    say(f"results: {md} (and {j.name})")
    print(md.read_text())
    return 0


def _ratio(suite: dict | None, a: str, b: str, field: str = "ratio_of_medians"):
    if not suite:
        return None
    for r in suite.get("ratios", []):
        if r["a"] == a and r["b"] == b:
            return r[field]
    return None


def _overhead_ratio(suite: dict | None):
    """(satchel - cached entry) / (C exec wrapper - cached entry), each the median of per-round differences."""
    launcher = _ratio(suite, "satchel", "cached-entry", "paired_diff_median_ms")
    wrapper = _ratio(suite, "c-exec-wrapper", "cached-entry", "paired_diff_median_ms")
    if launcher is None or wrapper is None or wrapper <= 0:
        return None
    return launcher / wrapper


def evaluate(suites: dict, sat: Satchel) -> list[dict]:
    size_suite = suites.get("size")
    build_suite = suites.get("build") or {}
    extract_rss = (build_suite.get("extract_gnu_time") or {}).get("maxrss_kib")
    install = build_suite.get("install")
    output_vs_zip = None
    if size_suite and f"satchel L{DEFAULT_LEVEL}" in size_suite["outputs"]:
        output_vs_zip = size_suite["outputs"][f"satchel L{DEFAULT_LEVEL}"]["vs_zip"]
    return [
        goals.judge("cli_version_native_vs_jit", _ratio(suites.get("cli"), "native-version", "jit-version")),
        goals.judge("cli_inspect_native_vs_jit", _ratio(suites.get("cli"), "native-inspect", "jit-inspect")),
        goals.judge("launcher_overhead_ms", _ratio(suites.get("warm-native"), "satchel", "cached-entry", "paired_diff_median_ms")),
        goals.judge("launcher_overhead_vs_exec_wrapper", _overhead_ratio(suites.get("warm-native"))),
        goals.judge("hello_build_vs_venv", _ratio(suites.get("warm-hello"), "satchel-build-c", "venv-py311")),
        goals.judge("aws_build_vs_venv", _ratio(suites.get("warm-aws"), "satchel-build-c", "venv-py311-script")),
        goals.judge("containers_vs_venv", _ratio(suites.get("containers"), "satchel-build", "venv-py311")),
        goals.judge("build_vs_zip", ((size_suite or {}).get("outputs", {}).get("satchel build") or {}).get("vs_zip")),
        goals.judge("first_run_vs_tar_disk", _ratio(suites.get("first-run-disk"), "satchel", "tar")),
        goals.judge("first_run_vs_tar_tmpfs", _ratio(suites.get("first-run-tmpfs"), "satchel", "tar")),
        goals.judge("launcher_bytes", sat.launcher.stat().st_size if sat.launcher.exists() else None),
        goals.judge("output_vs_zip", output_vs_zip),
        goals.judge("extract_rss_kib", extract_rss),
        goals.judge("build_rss_kib", (build_suite.get("pack_gnu_time") or {}).get("maxrss_kib")),
        goals.judge("build_cold_vs_pip", _ratio(install, "satchel build", "pip install --target")),
        goals.judge("rebuild_edited_vs_pip", _ratio(install, "satchel build edited", "pip install --target")),
        goals.judge("rebuild_unchanged_vs_pip", _ratio(install, "satchel build unchanged", "pip install --target")),
        goals.judge("build_cold_rss_kib", ((install or {}).get("cold_gnu_time") or {}).get("maxrss_kib")),
    ]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
