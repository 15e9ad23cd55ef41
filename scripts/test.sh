#!/usr/bin/env bash
# Set up lexcheck with its development tools (first run only) and run the whole test suite.
LEXCHECK_DEV=1
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$root"
python -m pytest "$@"
