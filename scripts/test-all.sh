#!/usr/bin/env bash
# The one command that sets up and runs every test: `npm test`.
# Installs what the tests need (engine, registries, Chromium, fixture images), the npm packages,
# then runs lint, type checks, unit, integration (real engine) and e2e (Chromium through `npm run web`).
# Every stage runs even when an earlier one fails; the last line sums them up.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p artifacts
started=$(date +%s)

bash scripts/setup-test-env.sh || { echo "setup of the test environment failed"; exit 1; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[test] npm ci"
  npm ci --no-fund --no-audit || { echo "npm ci failed"; exit 1; }
fi

failed_stages=()
stage() {
  local name=$1; shift
  echo ""
  echo "=== $name ==="
  local t0=$(date +%s)
  if "$@"; then echo "=== $name: ok ($(( $(date +%s) - t0 )) s)"; else echo "=== $name: FAILED"; failed_stages+=("$name"); fi
}

stage lint npx eslint . --max-warnings 0
stage typecheck npx tsc -p tsconfig.json --noEmit
stage unit npx vitest run --project unit --reporter=default --reporter=json --outputFile=artifacts/vitest-unit.json
stage integration npx vitest run --project integration --reporter=default --reporter=json --outputFile=artifacts/vitest-integration.json
stage build npm run --silent build
stage e2e npx playwright test

echo ""
echo "Total time: $(( $(date +%s) - started )) s"
[ ${#failed_stages[@]} -gt 0 ] && echo "Failed stages: ${failed_stages[*]}"
node scripts/summarize-tests.mjs artifacts/vitest-unit.json artifacts/vitest-integration.json artifacts/playwright.json
summary=$?
[ ${#failed_stages[@]} -eq 0 ] && [ $summary -eq 0 ]
