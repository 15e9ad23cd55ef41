#!/usr/bin/env bash
# Set up lexcheck with its development tools (first run only), check the code, and run the test suite.
LEXCHECK_DEV=1
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$root"
ruff check .
mypy lexcheck cli.py benchmarks
lint-imports
python -m pytest "$@"
