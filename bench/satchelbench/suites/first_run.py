"""First run: the large tree made ready from nothing, each run into an empty destination.

satchel: the tree packed with entry `noop` (a two-line sh script), run with SATCHEL_ROOT set to
an empty directory: trailer, header, index, decompression, hash checks, file writes, completion
marker, rename, exec of noop. tar: `tar -xf` of an uncompressed tar of the same tree (the cost of
creating the files alone), and in full mode `tar -xzf` of a gzip'd one (a compressed archive, like
the payload). Each timed run gets a fresh empty destination; the previous one is deleted and
`sync` run before it, untimed, so no run pays for its predecessor's writeback.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .. import timing
from ..fixtures import Work
from ..log import say


def _fresh(path: Path, sync: bool):
    def prepare():
        if path.exists():
            shutil.rmtree(path)
        path.mkdir(mode=0o700)
        if sync:
            os.sync()
    return prepare


def archives(w: Work, tree: Path, with_gzip: bool) -> dict[str, Path]:
    d = w.root / "aws"
    tar = d / "tree.tar"
    subprocess.run(["tar", "-cf", str(tar), "-C", str(tree), "."], check=True)
    result = {"tar": tar}
    if with_gzip:
        tgz = d / "tree.tar.gz"
        subprocess.run(["tar", "-czf", str(tgz), "-C", str(tree), "."], check=True)
        result["tar-gz"] = tgz
    return result


def run(w: Work, label: str, base: Path, packed: Path, archive: dict[str, Path], rounds: int, expect_files: int,
        baseline: Path | None = None) -> dict:
    base.mkdir(parents=True, exist_ok=True)
    on_disk = label == "disk"
    root = base / "satchel-root"
    env = {**w.env(), "SATCHEL_ROOT": str(root)}
    variants = [timing.Variant("satchel", [str(packed)], env, prepare=_fresh(root, on_disk),
                               note="packed tree, entry noop, empty SATCHEL_ROOT")]
    if baseline is not None:
        baseline_root = base / "satchel-baseline-root"
        variants.append(timing.Variant("satchel-baseline", [str(baseline)], {**w.env(), "SATCHEL_ROOT": str(baseline_root)},
                                       prepare=_fresh(baseline_root, on_disk), note="the same, packed with --baseline-launcher"))
    for name, path in archive.items():
        dest = base / f"{name}-dest"
        flag = "-xzf" if name == "tar-gz" else "-xf"
        variants.append(timing.Variant(name, ["/bin/tar", flag, str(path), "-C", str(dest)], w.env(),
                                       prepare=_fresh(dest, on_disk), note=f"tar {flag}"))

    # One checked run: the unit must hold every file of the tree.
    timing.run_checked(variants[0])
    extracted = sum(len(fs) for _, _, fs in os.walk(root / "v1" / "units"))
    say(f"first run ({label}): satchel extracted {extracted} files (tree has {expect_files}); {rounds} rounds")
    runs = timing.interleave(variants, rounds, warmup=0)
    result = {
        "name": f"first-run-{label}",
        "base": str(base),
        "extracted_files_incl_marker": extracted,
        "tree_files": expect_files,
        "variants": {v.name: {"argv": v.argv, "note": v.note, **timing.summary(runs[v.name])} for v in variants},
        "ratios": [timing.ratio(runs, "satchel", name) for name in archive]
                  + ([timing.ratio(runs, "satchel", "satchel-baseline")] if baseline is not None else []),
    }
    for path in [root, base / "satchel-baseline-root"] + [base / f"{n}-dest" for n in archive]:
        shutil.rmtree(path, ignore_errors=True)
    return result


class Tmpfs:
    """A tmpfs mounted for the duration of a `with` block (root only); None if it cannot be mounted."""

    def __init__(self, path: Path, size: str = "2g"):
        self.path = path
        self.size = size
        self.mounted = False
        self.why = ""

    def __enter__(self):
        if os.geteuid() != 0:
            self.why = "not root, cannot mount a tmpfs"
            return self
        self.path.mkdir(parents=True, exist_ok=True)
        out = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={self.size},mode=0700", "satchel-bench", str(self.path)],
                             capture_output=True, text=True)
        if out.returncode != 0:
            self.why = f"mount -t tmpfs failed: {out.stderr.strip()}"
            return self
        self.mounted = True
        return self

    def __exit__(self, *exc):
        if self.mounted:
            subprocess.run(["umount", str(self.path)], check=False)
