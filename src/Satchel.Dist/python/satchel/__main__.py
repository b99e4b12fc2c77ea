"""`python -m satchel ARGS`: runs the native satchel executable that this wheel installed as a script.

Finds it the way pip placed it, through sysconfig (the install scheme's scripts directory, then the
user scheme's, then a `pip install --target` layout), and replaces this process with it, so its exit
status and signals are satchel's own.
"""
import os
import sys
import sysconfig


def find_satchel() -> str:
    name = "satchel" + (sysconfig.get_config_var("EXE") or "")
    candidates = [os.path.join(sysconfig.get_path("scripts"), name)]
    user_scheme = "nt_user" if os.name == "nt" else ("osx_framework_user" if sys.platform == "darwin" and sys._framework else "posix_user")
    try:
        candidates.append(os.path.join(sysconfig.get_path("scripts", scheme=user_scheme), name))
    except KeyError:
        pass
    # pip install --target DIR puts the package in DIR and the scripts in DIR/bin.
    candidates.append(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bin", name))
    for candidate in candidates:
        if os.path.isfile(candidate):
            return candidate
    raise FileNotFoundError("satchel: the satchel executable installed with this package is not in " + ", ".join(candidates))


def main() -> None:
    try:
        satchel = find_satchel()
    except FileNotFoundError as error:
        sys.stderr.write(str(error) + "; reinstall satchel\n")
        sys.exit(69)
    if os.name == "posix":
        os.execv(satchel, [satchel, *sys.argv[1:]])
    import subprocess
    sys.exit(subprocess.call([satchel, *sys.argv[1:]]))


if __name__ == "__main__":
    main()
