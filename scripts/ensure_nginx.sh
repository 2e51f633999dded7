#!/usr/bin/env bash
# The scale-out configuration puts Debian's nginx in front of the Rasa and action servers;
# install it when missing (no tool downloads a load balancer of its own). It runs unprivileged,
# with its own prefix in the state folder (stack/nginx.py): the package's service is not used.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then exit 0; fi
echo "==> installing Debian's nginx"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null || true
# policy-rc.d 101: do not start the packaged service (it would take port 80 for nothing).
POLICY=/usr/sbin/policy-rc.d; ADDED=""
if [ ! -e "$POLICY" ]; then printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null; $SUDO chmod +x "$POLICY"; ADDED=1; fi
$SUDO apt-get install -y -qq --no-install-recommends nginx-light >/dev/null 2>&1 || $SUDO apt-get install -y -qq --no-install-recommends nginx >/dev/null
[ -z "$ADDED" ] || $SUDO rm -f "$POLICY"
