"""satchel: turns a Python application into one executable file.

This package only lets `python -m satchel` run the native `satchel` executable installed with it
(see __main__.py); satchel has no Python API.
"""
