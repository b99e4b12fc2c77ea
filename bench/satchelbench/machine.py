"""Where the benchmarks run: the interpreters and tools they use, and a description of the
machine and versions for the results file."""
from __future__ import annotations

import datetime
import glob
import os
import platform
import shutil
import subprocess
from pathlib import Path


def pyenv_root() -> Path:
    root = os.environ.get("PYENV_ROOT")
    if root:
        return Path(root)
    return Path.home() / ".pyenv"


def python(version: str) -> str | None:
    """The real binary of pyenv's Python `version` (e.g. "3.11"), never the pyenv shim."""
    override = os.environ.get(f"SATCHEL_BENCH_PYTHON{version.replace('.', '')}")
    if override:
        return override
    found = sorted(glob.glob(str(pyenv_root() / "versions" / f"{version}.*" / "bin" / f"python{version}")),
                   key=lambda p: [int(x) if x.isdigit() else 0 for x in Path(p).parts[-3].split(".")])
    return os.path.realpath(found[-1]) if found else None


def first_line(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"unavailable ({e})"
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0] if text else f"exit {out.returncode}"


def zip_version() -> str:
    out = subprocess.run(["zip", "-v"], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("This is Zip"):
            return line.split("(")[0].replace("This is ", "").strip()
    return "unknown"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def mem_total_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / (1 << 20)
    except OSError:
        pass
    return 0.0


def git_revision(repo: Path) -> str:
    rev = first_line(["git", "-C", str(repo), "rev-parse", "--short=12", "HEAD"])
    dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    branch = first_line(["git", "-C", str(repo), "rev-parse", "--abbrev-ref", "HEAD"])
    return f"{rev}{'+dirty' if dirty else ''} ({branch})"


def describe(repo: Path, pythons: dict[str, str | None]) -> dict:
    """Everything a reader needs to judge the figures: when, where, which versions."""
    tools = {
        "satchel": git_revision(repo),
        "dotnet": first_line(["dotnet", "--version"]),
        "gcc": first_line(["gcc", "--version"]),
        "tar": first_line(["tar", "--version"]),
        "zip": zip_version() if shutil.which("zip") else "missing",
        "pex": first_line(["pex", "--version"]) if shutil.which("pex") else "missing",
        "strace": first_line(["strace", "-V"]) if shutil.which("strace") else "missing",
        "hyperfine": first_line(["hyperfine", "--version"]) if shutil.which("hyperfine") else "missing",
    }
    for version, path in pythons.items():
        tools[f"python{version}"] = f"{first_line([path, '--version'])} at {path}" if path else "missing"
    return {
        "date_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "host": platform.node(),
        "kernel": platform.release(),
        "os": first_line(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "mem_gib": round(mem_total_gib(), 1),
        "loadavg_start": os.getloadavg(),
        "versions": tools,
    }
