#!/usr/bin/env bash
# `npm test`: every check and test, on the embedded database by default
# (set TEST_DATABASE_URL / REDIS_URL to run the database and socket suites against real servers).
#   SKIP_E2E=1 npm test     everything but the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" != "24" ]; then
  echo "npm scripts must run on Node 24 (the pinned 'node' package); got $(node -v). Run npm ci." >&2
  exit 1
fi

step() { printf '\n== %s\n' "$1"; }
took() { echo "   ($(( SECONDS - $1 )) s)"; }

t=$SECONDS; step "typecheck"; npx tsc --noEmit; took $t
t=$SECONDS; step "lint (type-aware, layer rules)"; npx eslint --max-warnings 0 .; took $t
t=$SECONDS; step "unit and integration tests (vitest)"; npx vitest run; took $t

if [ "${SKIP_E2E:-0}" = "1" ]; then
  echo "SKIP_E2E=1: browser tests skipped"
  exit 0
fi

# e2e runs in Debian's Chromium with Chinese fonts (without them Chinese renders as empty boxes).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed' || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" = "0" ]; then
    step "installing ${missing[*]} (Debian packages for the browser tests)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "The browser tests need Debian's ${missing[*]}. Install as root, then run npm test again:" >&2
    echo "  sudo sh -c '$cmd'" >&2
    exit 1
  fi
fi

t=$SECONDS; step "e2e (Playwright, production build, fresh embedded database)"; npx playwright test; took $t
