#!/bin/sh
# The entry of the `satchel pack` example: runs from the cache, next to its data file.
here="$SATCHEL_APP_DIR"
printf '%s, %s!\n' "$(cat "$here/greeting.txt")" "${1:-world}"
echo "(run as $SATCHEL_APP, files in $here)"
