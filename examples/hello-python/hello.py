"""The `satchel build` example: a plain module run with -m, no packaging needed."""
import os
import sys


def main() -> int:
    name = sys.argv[1] if len(sys.argv) > 1 else "world"
    print(f"Hello, {name}! (Python {sys.version.split()[0]})")
    print(f"run as {sys.argv[0]}, code in {os.path.dirname(__file__)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
