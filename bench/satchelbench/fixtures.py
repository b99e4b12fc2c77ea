"""Builds every app the benchmarks run, under the work directory, once per bench run.

Layout (WORK = --work-dir, default /var/tmp/satchel-bench):
  native/   empty C program, empty NativeAOT program, the C program packed by satchel
  hello/    hello-world: source, hand-made venvs, satchel pack, zipapp, pex, satchel build
  aws/      awscli + botocore and their dependencies copied from Python 3.11's site-packages;
            venvs, satchel pack, zipapp, pex, satchel build, tar/zip archives of the tree
  cache/    SATCHEL_ROOT and PEX_ROOT of the warm runs
"""
from __future__ import annotations

import dataclasses
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

from . import distributions
from .log import say
from .satchel_cli import Satchel, cached_entry

HELLO_MODULE = 'def main():\n    print("hello, world")\n\n\nif __name__ == "__main__":\n    main()\n'
AWS_ROOTS = ["awscli"]


def write_script(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o755)


def run(argv: list[str], **kw) -> subprocess.CompletedProcess:
    out = subprocess.run(argv, capture_output=True, text=True, **kw)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, argv))} failed ({out.returncode}):\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
    return out


@dataclasses.dataclass
class Work:
    root: Path
    repo: Path
    satchel: Satchel
    py311: str
    py310: str | None
    skipped: list[str] = dataclasses.field(default_factory=list)

    def __post_init__(self):
        self.root.mkdir(parents=True, exist_ok=True)
        self.cache = self.root / "cache"
        self.satchel_root = self.cache / "satchel"
        self.pex_root = self.cache / "pex"

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of every timed run: the caller's, without variables that change what the
        programs do, plus the warm caches."""
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("SATCHEL_", "PEX_", "PYTHON")) and k not in ("VIRTUAL_ENV",)}
        env.update(SATCHEL_ROOT=str(self.satchel_root), PEX_ROOT=str(self.pex_root), LC_ALL="C.UTF-8")
        env.update(extra)
        return env

    def reset_caches(self) -> None:
        for d in (self.satchel_root, self.pex_root):
            if d.exists():
                shutil.rmtree(d)
            d.mkdir(parents=True, mode=0o700)
        self.cache.chmod(0o700)

    def skip(self, message: str) -> None:
        say("SKIP " + message)
        self.skipped.append(message)


# --- native floor ------------------------------------------------------------------------

def build_native(w: Work, baseline_launcher: str | None = None) -> dict[str, str]:
    d = w.root / "native"
    (d / "c").mkdir(parents=True, exist_ok=True)
    c_empty = d / "c" / "empty"
    run(["gcc", "-O2", "-o", str(c_empty), str(w.repo / "bench" / "native" / "empty.c")])
    c_exec = d / "c-exec" / "exec"
    c_exec.parent.mkdir(parents=True, exist_ok=True)
    run(["gcc", "-O2", "-o", str(c_exec), str(w.repo / "bench" / "native" / "exec.c")])

    aot_dir = d / "aot"
    aot = aot_dir / "empty-aot"
    project = w.repo / "bench" / "native" / "EmptyAot"
    newest_source = max(p.stat().st_mtime for p in project.iterdir() if p.is_file())
    if not aot.exists() or aot.stat().st_mtime < newest_source:
        say("publishing the empty NativeAOT program (bench/native/EmptyAot)")
        run(["dotnet", "publish", str(project / "EmptyAot.csproj"), "-c", "Release", "-o", str(aot_dir), "-nologo", "-v:q"])

    packed = d / "empty.satchel"
    w.satchel.pack(d / "c", "empty", packed)
    entry = cached_entry(packed, w.env())
    apps = {"c_empty": str(c_empty), "aot_empty": str(aot), "satchel": str(packed), "cached_entry": entry, "c_exec": str(c_exec)}
    if baseline_launcher:
        # The same entry with another launcher (--baseline-launcher): same payload, so the same cache unit.
        baseline = d / "empty-baseline.satchel"
        w.satchel.pack(d / "c", "empty", baseline, launcher=baseline_launcher)
        cached_entry(baseline, w.env())
        apps["satchel_baseline"] = str(baseline)
    return apps


# --- hello world -------------------------------------------------------------------------

def make_venv(python: str, path: Path, site_files: Path | None = None) -> Path:
    """A venv without pip, with `site_files` copied into its site-packages; returns site-packages."""
    if path.exists():
        shutil.rmtree(path)
    run([python, "-m", "venv", "--without-pip", str(path)])
    site = next(path.glob("lib/python3*/site-packages"))
    if site_files is not None:
        shutil.copytree(site_files, site, dirs_exist_ok=True, copy_function=shutil.copy2, symlinks=True)
    return site


def build_hello(w: Work) -> dict:
    d = w.root / "hello"
    if d.exists():
        shutil.rmtree(d)
    src = d / "src"
    src.mkdir(parents=True)
    (src / "hello.py").write_text(HELLO_MODULE)
    apps: dict = {"variants": {}}

    # A venv with hello installed and a console script, the way pip would have made it.
    for version, python in (("311", w.py311), ("310", w.py310)):
        if python is None:
            continue
        venv = d / f"venv{version}"
        make_venv(python, venv, src)
        script = venv / "bin" / "hello"
        # pip's own console-script template (pip 23: distlib's), `import re` included: a `-c` app's
        # venv has the same script, so the two run the same Python.
        write_script(script, f"#!{venv}/bin/python\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom hello import main\n"
                             "if __name__ == '__main__':\n"
                             "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
                             "    sys.exit(main())\n")
        apps["variants"][f"venv-py{version}"] = [str(script)]
        if version == "311":
            # What a `-m` entry runs: `python -m` pays runpy (a few ms) that a console script does not.
            apps["variants"]["venv-py311-m"] = [str(venv / "bin" / "python"), "-m", "hello"]

    # satchel pack: the same module and a script run by the base interpreter (-S: see README, "site").
    pack_dir = d / "packdir"
    shutil.copytree(src, pack_dir)
    write_script(pack_dir / "hello", f"#!{w.py311} -S\nimport sys\nfrom hello import main\nsys.exit(main())\n")
    packed = d / "hello.satchel"
    w.satchel.pack(pack_dir, "hello", packed)
    apps["variants"]["satchel-pack"] = [str(packed)]
    apps["variants"]["cached-entry"] = [cached_entry(packed, w.env())]

    zipapp = d / "hello.pyz"
    run([w.py311, "-m", "zipapp", str(src), "-m", "hello:main", "-p", f"{w.py311} -S", "-o", str(zipapp)])
    apps["variants"]["zipapp"] = [str(zipapp)]

    if shutil.which("pex") and w.py310:
        pex = d / "hello.pex"
        run(["pex", "-D", str(src), "-e", "hello:main", "-o", str(pex), f"--python-shebang=#!{w.py310}",
             "--no-pypi", "--disable-cache"])
        apps["variants"]["pex-py310"] = [str(pex)]
    else:
        w.skip("hello: pex (Debian's pex 1.5.3) or Python 3.10 missing")

    if w.satchel.build_help():
        wheelhouse = d / "wheels"
        distributions.make_wheel(wheelhouse, "hello", "1.0", {"hello.py": HELLO_MODULE}, {"hello": "hello:main"})
        built = d / "hello-build.satchel"
        argv = w.satchel.build_argv(["hello"], built, w.py311, wheelhouse, module="hello")
        try:
            start = time.perf_counter()
            run(argv)
            apps["build_seconds"] = time.perf_counter() - start
            apps["variants"]["satchel-build"] = [str(built)]
            apps["build_argv"] = argv
            # The wheel's console script, as the venv runs it: the like-for-like comparison.
            built_c = d / "hello-build-c.satchel"
            run(w.satchel.build_argv(["hello"], built_c, w.py311, wheelhouse, console="hello"))
            apps["variants"]["satchel-build-c"] = [str(built_c)]
        except RuntimeError as e:
            w.skip(f"hello: satchel build failed: {e}")
    else:
        w.skip("hello: `satchel build` is not available yet (./satchel build --help fails)")
    return apps


# --- awscli: a large real app --------------------------------------------------------------

AWS_ENTRY = "import runpy\nrunpy.run_module('awscli', run_name='__main__', alter_sys=True)\n"
AWS_MODULE = "import runpy\n\n\ndef main():\n    runpy.run_module('awscli', run_name='__main__', alter_sys=True)\n"


def build_aws_tree(w: Work) -> dict:
    """The tree every aws variant, the first-run and the size benchmarks use (kept between bench runs)."""
    d = w.root / "aws"
    tree = d / "tree"
    stamp = d / "tree.json"
    dists = distributions.closure(w.py311, AWS_ROOTS)
    if not stamp.exists() or not tree.exists():
        if tree.exists():
            shutil.rmtree(tree)
        say(f"copying {len(dists)} installed distributions (awscli and its dependencies) into {tree}")
        files, size = distributions.copy_tree(dists, tree)
        write_script(tree / "aws", f"#!{w.py311} -S\n" + AWS_ENTRY)
        (tree / "awsbench.py").write_text(AWS_MODULE)
        write_script(tree / "noop", "#!/bin/sh\nexit 0\n")
        import json
        stamp.write_text(json.dumps({"files": files, "bytes": size,
                                     "dists": [f"{x['name']}=={x['version']}" for x in dists]}))
    import json
    info = json.loads(stamp.read_text())
    count = sum(len(fs) for _, _, fs in os.walk(tree))
    size = sum((Path(r) / f).lstat().st_size for r, _, fs in os.walk(tree) for f in fs)
    info.update(tree=str(tree), tree_files=count, tree_bytes=size, dists_raw=dists)
    return info


def build_aws(w: Work, tree_info: dict, peers: bool = True) -> dict:
    """The awscli variants; without `peers` (a containers-only run) no zipapp or pex is built."""
    d = w.root / "aws"
    tree = Path(tree_info["tree"])
    apps: dict = {"variants": {}, "notes": {}}
    for version, python in (("311", w.py311), ("310", w.py310)):
        if python is None:
            continue
        say(f"aws: venv for Python {version}")
        venv = d / f"venv{version}"
        make_venv(python, venv, tree)
        apps["variants"][f"venv-py{version}"] = [str(venv / "bin" / "python"), "-m", "awscli", "--version"]
        installed_aws = Path(python).parent / "aws"
        if version == "311" and installed_aws.exists():
            # awscli's own `aws` (a wheel data script with "#!python"), as pip installs it into bin/:
            # the installed copy with its first line pointing at this venv.
            body = installed_aws.read_text().split("\n", 1)[1]
            write_script(venv / "bin" / "aws", f"#!{venv / 'bin' / 'python'}\n" + body)
            apps["variants"]["venv-py311-script"] = [str(venv / "bin" / "aws"), "--version"]

    say("aws: satchel pack")
    packed = d / "aws.satchel"
    apps["pack_seconds"] = w.satchel.pack(tree, "aws", packed)
    apps["variants"]["satchel-pack"] = [str(packed), "--version"]

    if not peers:
        return _build_aws_satchel(w, tree_info, apps)

    say("aws: zipapp")
    zipapp = d / "aws.pyz"
    run([w.py311, "-m", "zipapp", str(tree), "-m", "awsbench:main", "-p", f"{w.py311} -S", "-c", "-o", str(zipapp)])
    apps["variants"]["zipapp"] = [str(zipapp), "--version"]

    if shutil.which("pex") and w.py310:
        say("aws: pex (this takes a while)")
        pex = d / "aws.pex"
        run(["pex", "-D", str(tree), "-e", "awsbench:main", "--not-zip-safe", "-o", str(pex),
             f"--python-shebang=#!{w.py310}", "--no-pypi", "--disable-cache"])
        apps["variants"]["pex-py310"] = [str(pex), "--version"]
    else:
        w.skip("aws: pex (Debian's pex 1.5.3) or Python 3.10 missing")

    return _build_aws_satchel(w, tree_info, apps)


def _build_aws_satchel(w: Work, tree_info: dict, apps: dict) -> dict:
    d = w.root / "aws"
    if w.satchel.build_help():
        wheelhouse = wheels_for(w, tree_info)
        built = d / "aws-build.satchel"
        argv = w.satchel.build_argv(["awscli"], built, w.py311, wheelhouse, module="awscli")
        try:
            start = time.perf_counter()
            run(argv)
            apps["build_seconds"] = time.perf_counter() - start
            apps["build_argv"] = argv
            apps["variants"]["satchel-build"] = [str(built), "--version"]
        except RuntimeError as e:
            w.skip(f"aws: satchel build failed: {e}")
        # `-c aws`: the data script, started as the venv's bin/aws is (the issue #18 goal).
        script_built = d / "aws"
        argv = w.satchel.build_argv(["awscli"], script_built, w.py311, wheelhouse, console="aws")
        try:
            run(argv)
            apps["variants"]["satchel-build-c"] = [str(script_built), "--version"]
        except RuntimeError as e:
            w.skip(f"aws: satchel build -c aws failed: {e}")
    else:
        w.skip("aws: `satchel build` is not available yet (./satchel build --help fails)")
    return apps


def wheels_for(w: Work, tree_info: dict) -> Path:
    wheelhouse = w.root / "aws" / "wheels"
    if wheelhouse.exists() and not getattr(w, "_wheels_fresh", False):
        shutil.rmtree(wheelhouse)
    w._wheels_fresh = True
    for dist in tree_info["dists_raw"]:
        distributions.repack_wheel(dist, wheelhouse)
    return wheelhouse


def check_python_app(name: str, argv: list[str], env: dict[str, str], expect: str, forbidden_prefix: str | None,
                     module: str | None) -> dict:
    """Runs a variant once with PYTHONVERBOSE=1: it must exit 0, print `expect`, and (if `module` is
    given) import it from its own copy, not from the base interpreter's site-packages."""
    out = subprocess.run(argv, capture_output=True, text=True, env={**env, "PYTHONVERBOSE": "1"})
    if out.returncode != 0 or expect not in out.stdout:
        plain = subprocess.run(argv, capture_output=True, text=True, env=env)
        last = (plain.stderr.strip().splitlines() or [""])[-1]
        return {"ok": False, "why": f"exit {plain.returncode}, stdout {plain.stdout[-200:]!r}, last line of stderr: {last[-300:]!r}"}
    where = None
    if module:
        hits = [line for line in out.stderr.splitlines() if f"{module}/__init__" in line]
        where = hits[0] if hits else None
        if forbidden_prefix and any(forbidden_prefix in line for line in hits):
            return {"ok": False, "why": f"imports {module} from the base interpreter: {hits[0]}"}
    return {"ok": True, "where": where, "stdout": out.stdout.strip()[:200]}
