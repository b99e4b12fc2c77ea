"""The satchel CLI of this checkout, as the benchmarks drive it."""
from __future__ import annotations

import os
import platform
import re
import subprocess
import time
from pathlib import Path

from .log import say


class Satchel:
    def __init__(self, repo: Path, cli: Path | None = None):
        self.repo = repo
        self.wrapper = repo / "satchel"
        self.jit_binary = repo / "src" / "Satchel.Cli" / "bin" / "Release" / "net10.0" / "satchel"
        # `--cli PATH`: another CLI drives every satchel command, e.g. the native one of
        # scripts/build-dist (what users run; it starts without the JIT).
        self.binary = cli.resolve() if cli is not None else self.jit_binary
        # The launcher for this machine, as the CLI carries it (docs/launcher.md#two-launchers).
        self.launcher = self.jit_binary.parent / "launchers" / {"x86_64": "linux-x64", "aarch64": "linux-arm64"}.get(platform.machine(), platform.machine()) / "satchel-launcher"
        self._build_help: str | None = None

    def ensure_built(self) -> None:
        """`./satchel` rebuilds the CLI and launcher when a source changed; later calls use the binary directly,
        so no build check is ever inside a timed command."""
        say("checking the satchel build (./satchel builds it in Release if a source changed)")
        out = subprocess.run([str(self.wrapper), "--version"], capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(f"bench: ./satchel --version failed:\n{out.stderr}")
        self.version = out.stdout.strip()
        if self.binary != self.jit_binary:
            if not os.access(self.binary, os.X_OK):
                raise SystemExit(f"bench: --cli {self.binary} is not an executable file")
            newest = max(f.stat().st_mtime for f in (self.repo / "src").rglob("*.cs"))
            if self.binary.stat().st_mtime < newest:
                raise SystemExit(f"bench: --cli {self.binary} is older than a source file under src/: rebuild it (scripts/build-dist) first")
            say(f"every satchel command runs {self.binary}")

    def pack_argv(self, source: Path, entry: str, output: Path, level: int | None = None, launcher: str | None = None) -> list[str]:
        argv = [str(self.binary), "pack", str(source), "--entry", entry, "-o", str(output), "--quiet"]
        if level is not None:
            argv += ["--compression-level", str(level)]
        if launcher is not None:
            argv += ["--launcher", launcher]
        return argv

    def pack(self, source: Path, entry: str, output: Path, level: int | None = None, launcher: str | None = None) -> float:
        """Packs (with another launcher binary when given) and returns the wall time in seconds."""
        argv = self.pack_argv(source, entry, output, level, launcher)
        start = time.perf_counter()
        out = subprocess.run(argv, capture_output=True, text=True)
        if out.returncode != 0:
            raise RuntimeError(f"satchel pack failed ({out.returncode}): {out.stderr.strip()}")
        return time.perf_counter() - start

    # --- `satchel build` (lands later) ------------------------------------------------------

    def build_help(self) -> str | None:
        """The help text of `satchel build`, or None while the command does not exist."""
        if self._build_help is None:
            out = subprocess.run([str(self.binary), "build", "--help"], capture_output=True, text=True)
            ok = out.returncode == 0 and "build" in out.stdout and "Required command was not provided" not in out.stderr \
                and "Unrecognized command" not in (out.stdout + out.stderr)
            self._build_help = out.stdout if ok else ""
        return self._build_help or None

    def build_argv(self, requirements: list[str], output: Path, python: str, wheelhouse: Path,
                   module: str | None = None, console: str | None = None) -> list[str]:
        """The `satchel build` command line, written against the interface described in design.md
        (`-m MODULE`, `-c CONSOLE_SCRIPT`, pip-resolved requirements, offline with find-links).
        Options the help text does not mention are left out; if the CLI settles on other names,
        this is the one function to change."""
        text = self.build_help() or ""

        def has(option: str) -> bool:
            return re.search(rf"(^|[\s,]){re.escape(option)}([\s,=<]|$)", text, re.M) is not None

        argv = [str(self.binary), "build"]
        if module:
            argv += ["-m", module]
        if console:
            argv += ["-c", console]
        argv += ["-o", str(output)]
        if has("--python"):
            argv += ["--python", python]
        if has("--no-index"):
            argv += ["--no-index"]
        if has("--find-links"):
            argv += ["--find-links", str(wheelhouse)]
        elif has("-f"):
            argv += ["-f", str(wheelhouse)]
        argv += requirements
        return argv


def cached_entry(executable: Path, env: dict[str, str], args: tuple[str, ...] = ()) -> str:
    """Runs a packed app once with SATCHEL_VERBOSE=1 and returns the path it execs (its entry in the cache)."""
    out = subprocess.run([str(executable), *args], capture_output=True, text=True,
                         env={**env, "SATCHEL_VERBOSE": "1"})
    match = re.search(r"\bexec (\S.*)$", out.stderr, re.M)
    if out.returncode != 0 or not match:
        raise RuntimeError(f"cannot find the cached entry of {executable}: exit {out.returncode}\n{out.stderr}")
    path = match.group(1).strip()
    if not os.path.exists(path):
        raise RuntimeError(f"{executable} reports exec of {path}, which does not exist")
    return path
