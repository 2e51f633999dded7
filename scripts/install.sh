#!/usr/bin/env bash
# Create the two environments from the pinned lock files, once per lock change.
#   .venv/rasa  Python 3.10  Rasa server + action server (rasa 3.6 refuses 3.11+)
#   .venv/web   Python 3.12  web application (intake, review, web chat) + Telegram bot
# Both get this project installed editable (pyproject.toml), so every part
# imports signaal, actions, intake, bot, ... by package name.
set -euo pipefail
cd "$(dirname "$0")/.."

need_python() {
  local version="$1"
  if ! command -v "python$version" >/dev/null 2>&1 || ! "python$version" -c 'import sys' >/dev/null 2>&1; then
    echo "ERROR: python$version is required but was not found." >&2
    echo "       Install Python $version (e.g. 'pyenv install $version.x'; this repo's .python-version lists" >&2
    echo "       the versions pyenv should expose) and run make again." >&2
    exit 1
  fi
}

install_env() {
  local name="$1" version="$2" lock="requirements/$1.lock"
  local stamp=".venv/$name/.installed-$(cat "$lock" pyproject.toml | sha256sum | cut -c1-16)"
  if [ -f "$stamp" ]; then return 0; fi
  need_python "$version"
  echo "==> installing .venv/$name (Python $version) from $lock"
  local started=$SECONDS
  [ -x ".venv/$name/bin/python" ] || "python$version" -m venv ".venv/$name"
  ".venv/$name/bin/python" -m pip install --quiet --upgrade "pip<25" >/dev/null
  # The lock pins every package, so the resolver has nothing to wander through.
  ".venv/$name/bin/python" -m pip install --quiet -r "$lock"
  # Our own packages, importable by name (never by path) in this environment.
  ".venv/$name/bin/python" -m pip install --quiet --no-deps -e .
  rm -f ".venv/$name"/.installed-*
  touch "$stamp"
  echo "==> .venv/$name ready in $((SECONDS - started)) s"
}

install_env rasa 3.10
install_env web 3.12
