#!/usr/bin/env bash
# The pocket card's test and its PNG in docs/ render the PDF with Debian's poppler-utils
# (pdftoppm, pdftotext); install them when missing.
set -euo pipefail
if command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then exit 0; fi
echo "==> installing Debian's poppler-utils"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null || true
$SUDO apt-get install -y -qq poppler-utils >/dev/null
