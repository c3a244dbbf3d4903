#!/usr/bin/env bash
# Makes sure the browsers the e2e tests drive are installed: Chromium (the real binary, not the
# Debian wrapper) and Firefox ESR. Installs them with apt when running as root; otherwise says
# exactly what to run and fails, so a missing browser is never mistaken for a passing suite.
set -euo pipefail

chromium_path="${E2E_CHROMIUM_PATH:-/usr/lib/chromium/chromium}"
firefox_path="${E2E_FIREFOX_PATH:-/usr/bin/firefox-esr}"
packages=(chromium firefox-esr fonts-dejavu-core)

missing=()
[[ -x "$chromium_path" ]] || missing+=("chromium ($chromium_path)")
[[ -x "$firefox_path" ]] || missing+=("firefox-esr ($firefox_path)")

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "ensure-browsers: missing ${missing[*]}" >&2
if [[ "$(id -u)" -eq 0 ]]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${packages[@]}"
  [[ -x "$chromium_path" && -x "$firefox_path" ]] || {
    echo "ensure-browsers: still missing after apt-get install: check $chromium_path and $firefox_path" >&2
    exit 1
  }
else
  echo "ensure-browsers: install them with:" >&2
  echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y ${packages[*]}" >&2
  exit 1
fi
