"""Satchel's whole-process benchmarks: see bench/README.md."""
