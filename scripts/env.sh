# Creates (once) the project's virtual environment in .venv and installs lexcheck into it.
# Sourced by the other scripts; set LEXCHECK_DEV=1 to add the development tools, or LEXCHECK_EXTRA=NAME
# for one optional extra (serve: the web app).
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
extra="${LEXCHECK_DEV:+dev}"
extra="${extra:-${LEXCHECK_EXTRA:-}}"
stamp="$venv/.installed-$(cksum <"$root/pyproject.toml" | cut -d' ' -f1)${extra:+-$extra}"
if [ ! -f "$stamp" ]; then
  echo "Installing lexcheck${extra:+ with the $extra extra} into $venv…" >&2
  if [ -n "$extra" ]; then
    quietly "$venv/bin/python" -m pip install -e "$root[$extra]"
  else
    quietly "$venv/bin/python" -m pip install -e "$root"
  fi
  touch "$stamp"
fi
export PATH="$venv/bin:$PATH"
