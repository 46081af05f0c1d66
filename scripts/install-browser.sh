#!/bin/sh
# Installs Debian's Chromium for the browser tests, only when it is missing. Idempotent; needs root
# (or sudo) on a fresh machine. Playwright drives this binary; `playwright install` is never used.
set -eu
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    SUDO="sudo"
fi
echo "Installing chromium (Debian package) for the browser tests…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
