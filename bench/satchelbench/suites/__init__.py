"""One module per benchmark: warm starts, first run, size, build, system-call traces."""
