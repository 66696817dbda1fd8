#!/usr/bin/env bash
# `npm test`: every check and test, on the embedded database by default
# (set TEST_DATABASE_URL / REDIS_URL to run the database and socket suites against real servers).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" != "24" ]; then
  echo "npm scripts must run on Node 24 (the pinned 'node' package); got $(node -v). Run npm ci." >&2
  exit 1
fi

echo "== typecheck"; npx tsc --noEmit
echo "== lint (type-aware, layer rules)"; npx eslint --max-warnings 0 .
echo "== unit and integration tests (vitest)"; npx vitest run
