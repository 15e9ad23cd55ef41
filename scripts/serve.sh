#!/usr/bin/env bash
# Set up lexcheck with its web app (first run only) and start it; open the address it prints in a browser.
# Options go to `lexcheck serve` (--port 8080, --max-size 10MB, --host ADDRESS to serve other machines).
LEXCHECK_EXTRA=serve
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$root"
exec lexcheck serve "$@"
