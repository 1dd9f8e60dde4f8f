#!/usr/bin/env bash
# Sets up everything the kiosk and its tests need on a Debian machine:
# system packages (installed when missing and running as root, otherwise the one
# apt-get line to run is printed) and the Python virtual environment in .venv.
# Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # PC/SC: the daemon, headers for building pyscard, the virtual reader driver for tests/demo
  pcscd libpcsclite1 libpcsclite-dev vsmartcard-vpcd
  # building pyscard (no wheel on PyPI)
  gcc python3-dev swig
  # Qt runtime (offscreen and xcb)
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
  # Chinese text (else boxes)
  fonts-noto-cjk
  # Qt Virtual Keyboard (Chinese entry) and QtMultimedia load libpulse
  libpulse0
  # reading aloud: espeak-ng's Cantonese (yue), Mandarin (cmn-latn-pinyin) and English voices (docs/speech.md)
  espeak-ng
  # Chinese handwriting (drivers/handwriting): the zinnia recogniser and tegaki's models
  libzinnia0 tegaki-zinnia-japanese tegaki-zinnia-simplified-chinese
  # a receipt printer on USB: python-escpos reaches it through pyusb, which loads libusb
  libusb-1.0-0
  # a second venv on Debian's own Python (the lowest pyproject allows), for the update path's test
  python3-venv
  # the operator's fleet page is tested in a real headless browser
  chromium
  # systemd-analyze, systemd-sysusers, systemd-tmpfiles: tests/e2e/test_service_unit.py checks the unit
  systemd
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "setup: installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing system packages. Run:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# The main venv is on Debian's own Python (/usr/bin/python3, 3.11.2 on Debian 12: the lowest that
# pyproject allows, and what a kiosk's Debian has), so the whole suite runs there; PYTHON=... chooses
# another, and a machine without a Debian Python 3.11+ uses python3 from PATH.
if [[ -n ${PYTHON:-} ]]; then
  PY=$PYTHON
elif [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  PY=/usr/bin/python3
else
  PY=python3
fi
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "setup: Python 3.11 or newer is needed (found $("$PY" --version 2>&1))" >&2
  exit 1
fi

VENV=${VENV:-.venv}
if [[ -x "$VENV/bin/python" && "$("$VENV/bin/python" --version 2>&1)" != "$("$PY" --version 2>&1)" ]]; then
  echo "setup: $VENV is on $("$VENV/bin/python" --version 2>&1), not $PY's $("$PY" --version 2>&1): made again"
  rm -rf "$VENV"
fi
if [[ ! -x "$VENV/bin/python" ]]; then
  echo "setup: creating $VENV on $PY ($("$PY" --version 2>&1))"
  "$PY" -m venv "$VENV"
fi
# Reinstall only when the project's dependencies changed.
stamp="$VENV/.empf-kiosk-installed"
want=$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -d" " -f1)
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "setup: installing Python packages into $VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$VENV/bin/python" -m pip install -q -e ".[test,build,sim]"
  echo "$want" > "$stamp"
fi
# venv_on PYTHON DIR STAMP WANT WHY PIP_ARGS...: a venv in DIR on PYTHON with PIP_ARGS installed, made
# again only when DIR/STAMP does not hold WANT (the second and third venvs below).
venv_on() {
  local py=$1 dir=$2 stamp="$2/$3" want=$4 why=$5
  shift 5
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    return 0
  fi
  echo "setup: creating $dir on $py ($("$py" --version 2>&1)) $why"
  rm -rf "$dir"
  "$py" -m venv "$dir"
  "$dir/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$dir/bin/python" -m pip install -q "$@"
  echo "$want" > "$stamp"
}
# The lowest Python pyproject allows, as Debian 12 ships it (/usr/bin/python3, 3.11.2): a venv with only
# what the update path needs, for tests/kiosk/test_update_lowest_python.py. Made once; refreshed only when
# the packages below or that Python change.
LOWEST_PY=${LOWEST_PYTHON:-/usr/bin/python3}
LOWEST_VENV=${LOWEST_VENV:-.venv-lowest}
UPDATE_PATH_PACKAGES=("cryptography>=42" "tuf>=6" "requests>=2.31")
if [[ -x "$LOWEST_PY" ]]; then
  lowest_want=$(printf '%s\n' "$("$LOWEST_PY" --version 2>&1)" "${UPDATE_PATH_PACKAGES[@]}" | sha256sum | cut -d" " -f1)
  venv_on "$LOWEST_PY" "$LOWEST_VENV" .empf-kiosk-update-path "$lowest_want" "for the update path" \
    "${UPDATE_PATH_PACKAGES[@]}"
fi
# The newest Python on this machine (3.13 from pyenv on the CI image; NEWEST_PYTHON to choose): a second
# full venv, .venv-newest, on which `make test` runs the suite's fast part again (Makefile's NEWEST_TESTS).
# Skipped, and said, when there is none newer than the main venv's.
NEWEST_VENV=${NEWEST_VENV:-.venv-newest}
NEWEST_PY=${NEWEST_PYTHON:-}
if [[ -z "$NEWEST_PY" ]]; then
  # On PATH, then pyenv's installed versions (its shims run only the selected one), newest first.
  for candidate in python3.14 python3.13 python3.12 \
      $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do
    if command -v "$candidate" >/dev/null && "$candidate" -c pass 2>/dev/null; then
      NEWEST_PY=$(command -v "$candidate")
      break
    fi
  done
fi
main_version=$("$VENV/bin/python" -c 'import sys; print(sys.version_info[:2])')
if [[ -n "$NEWEST_PY" && "$("$NEWEST_PY" -c 'import sys; print(sys.version_info[:2])')" != "$main_version" ]]; then
  newest_want=$(printf '%s\n' "$("$NEWEST_PY" --version 2>&1)" "$want" | sha256sum | cut -d" " -f1)
  venv_on "$NEWEST_PY" "$NEWEST_VENV" .empf-kiosk-installed "$newest_want" "for the suite's second run" \
    -e ".[test,sim]"
else
  echo "setup: no Python newer than $VENV's on this machine: .venv-newest not made" >&2
fi
# Translations: Qt Linguist .ts -> .qm (only those out of date; ui/i18n/__init__.py).
"$VENV/bin/python" -m ui.i18n build >/dev/null
echo "setup: ready"
