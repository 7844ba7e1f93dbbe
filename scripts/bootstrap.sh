# Shared set-up of scripts/run and scripts/test; source it, don't run it.
#
# Creates or updates .venv from pyproject.toml (re-installs only when that file
# changed) and installs the Debian libraries Qt needs when they are missing.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"

# Libraries the Qt xcb/offscreen plugins load, fonts with Cyrillic, and Xvfb for screenshots.
QT_SYSTEM_PACKAGES=(
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
  libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
  libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0
  libxcb-xkb1 libx11-xcb1 fonts-dejavu-core fonts-noto-color-emoji xvfb xauth
)

install_system_packages() {
  local missing=()
  for package in "${QT_SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  if ! command -v apt-get >/dev/null; then
    echo "bootstrap: Qt needs these Debian packages, install them: ${missing[*]}" >&2
    return 0
  fi
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "bootstrap: installing system packages for Qt: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_packages() {
  if [ ! -x "$VENV/bin/python" ]; then
    echo "bootstrap: creating $VENV" >&2
    "$PYTHON" -m venv "$VENV"
  fi
  local stamp="$VENV/.autoclub-installed"
  local digest
  digest="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
    echo "bootstrap: installing Python packages into $VENV" >&2
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e "$ROOT[dev]"
    echo "$digest" > "$stamp"
  fi
}

install_system_packages
install_python_packages
