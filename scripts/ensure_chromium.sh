#!/usr/bin/env bash
# Browser tests use Debian's Chromium and ChromeDriver; install them when missing
# (no test tool downloads a browser of its own).
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then exit 0; fi
echo "==> installing Debian's chromium and chromium-driver"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null || true
$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
