#!/bin/sh
# Installs what the browser tests need, each part only when it is missing. Idempotent.
# - Debian's Chromium (needs root or sudo on a fresh machine); Playwright drives this binary,
#   `playwright install` is never used.
# - axe-core from npm, at the version pinned in tests/e2e/package-lock.json (`npm ci`), which the
#   accessibility test injects into every page. Skipped with a note when npm is missing; the test then
#   skips with the same reason.
set -eu
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
    SUDO=""
    if [ "$(id -u)" != "0" ]; then
        SUDO="sudo"
    fi
    echo "Installing chromium (Debian package) for the browser tests…"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
fi
# `npm ci` wipes and reinstalls node_modules, so it runs only when the lock file is newer than the install.
E2E=tests/e2e
if [ ! -f "$E2E/node_modules/.package-lock.json" ] || [ "$E2E/package-lock.json" -nt "$E2E/node_modules/.package-lock.json" ]; then
    if command -v npm >/dev/null 2>&1; then
        echo "Installing axe-core (npm ci, pinned in $E2E/package-lock.json) for the accessibility test…"
        npm ci --prefix "$E2E" --no-audit --no-fund --silent
    else
        echo "npm is missing: the accessibility browser test will be skipped (install Node.js and npm)." >&2
    fi
fi
