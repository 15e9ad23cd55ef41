# Creates (once) the project's virtual environment in .venv and installs lexcheck into it.
# Sourced by the other scripts; set LEXCHECK_DEV=1 to add the development tools.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
log="$root/.venv-install.log"

# Installer output goes to a log, shown only when something fails.
quietly() {
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "set-up failed: $*" >&2
    exit 1
  fi
}

if [ ! -x "$venv/bin/python" ]; then
  echo "Setting up $venv (first run only)…" >&2
  quietly python3 -m venv "$venv"
  quietly "$venv/bin/python" -m pip install --upgrade pip
fi
stamp="$venv/.installed-$(cksum <"$root/pyproject.toml" | cut -d' ' -f1)${LEXCHECK_DEV:+-dev}"
if [ ! -f "$stamp" ]; then
  echo "Installing lexcheck${LEXCHECK_DEV:+ with development tools} into $venv…" >&2
  if [ -n "${LEXCHECK_DEV:-}" ]; then
    quietly "$venv/bin/python" -m pip install -e "$root[dev]"
  else
    quietly "$venv/bin/python" -m pip install -e "$root"
  fi
  touch "$stamp"
fi
export PATH="$venv/bin:$PATH"
