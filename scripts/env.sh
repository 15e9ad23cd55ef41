# Creates (once) the project's virtual environment in .venv and installs lexcheck into it.
# Sourced by the other scripts; set LEXCHECK_DEV=1 to add the development tools.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --upgrade pip
fi
stamp="$venv/.installed-$(cat "$root/pyproject.toml" | cksum | cut -d' ' -f1)${LEXCHECK_DEV:+-dev}"
if [ ! -f "$stamp" ]; then
  if [ -n "${LEXCHECK_DEV:-}" ]; then
    "$venv/bin/python" -m pip install --quiet -e "$root[dev]"
  else
    "$venv/bin/python" -m pip install --quiet -e "$root"
  fi
  touch "$stamp"
fi
export PATH="$venv/bin:$PATH"
